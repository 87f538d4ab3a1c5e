package org.civicflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.registry.RegistryService;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.ContractScenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The main paths of serviceContract: a 苏州 unit from team to payment, and a 房山 project. */
@CivicFlowTest
class ServiceContractProcessTests {

    @Autowired
    ContractScenario scenario;
    @Autowired
    ContractService contracts;
    @Autowired
    RegistryService registry;
    @Autowired
    ProcessEngine engine;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void aUnitFormsItsTeamOnTimeReportsEveryQuarterIsAcceptedAndPaid() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.pilotUntilAcceptance(code, ContractScenario.goodQuarter());

        assertThat(instance).isWaitingAt("Task_ReviewFinalAcceptance").variables()
                .containsEntry("completionShortfalls", "");
        scenario.complete(instance, "Task_ReviewFinalAcceptance", java.util.Map.of("acceptancePassed", true,
                "finalScore", 88, "acceptanceComment", "各项指标均已达成"));

        assertThat(instance).isEnded().hasPassed("EndEvent_ContractCompleted").variables()
                .containsEntry("contractStatus", "COMPLETED")
                .containsEntry("paymentAmount", 2090000.0);
        ServiceContract contract = contracts.contract(instance.getBusinessKey());
        assertThat(contract.getStatus()).isEqualTo(ContractStatus.COMPLETED);
        assertThat(contracts.reports(contract.getContractNumber())).hasSize(8);
        assertThat(contracts.assessments(contract.getContractNumber())).hasSize(4);
        assertThat(registry.view(code).projectOutcomes())
                .singleElement().satisfies(o -> assertThat(o.acceptancePassed()).isTrue());
    }
}
