package org.civicflow.tender.ocds;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.civicflow.support.Api;
import org.civicflow.support.ContractScenario;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.springframework.boot.test.context.TestComponent;

/** Makes an {@link OcdsScenario} for one unit, with what every OCDS test needs of the application. */
@TestComponent
class OcdsScenarios {

    private final SuzhouScenario suzhou;
    private final ContractScenario contracts;
    private final FangshanScenario fangshan;
    private final TestUsers users;
    private final Api api;
    private final TaskService taskService;
    private final RuntimeService runtimeService;

    OcdsScenarios(SuzhouScenario suzhou, ContractScenario contracts, FangshanScenario fangshan, TestUsers users, Api api,
                  TaskService taskService, RuntimeService runtimeService) {
        this.suzhou = suzhou;
        this.contracts = contracts;
        this.fangshan = fangshan;
        this.users = users;
        this.api = api;
        this.taskService = taskService;
        this.runtimeService = runtimeService;
    }

    OcdsScenario of(String unitCode) {
        return new OcdsScenario(unitCode, suzhou, contracts, fangshan, users, api, taskService, runtimeService);
    }
}
