package org.civicflow.application;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Starting an application over Camunda's REST API with the SPEC's variables, as a portal would. */
@CivicFlowTest
class ProjectApplicationRestTests {

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    FangshanScenario scenario;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    org.camunda.bpm.engine.TaskService taskService;

    static boolean opened;

    @BeforeEach
    void call() {
        users.create("restbureau", Groups.BUREAU);
        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        if (!opened) {
            scenario.openCall("REST-2020");
            opened = true;
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }


    @Test
    void startsAnApplicationWithTheSpecVariables() {
        Map<String, Object> variables = scenario.application("REST-2020", scenario.organization());
        Api.Response response = api.as("restbureau").post("/engine-rest/process-definition/key/projectApplication/start",
                Map.of("variables", Api.typed(variables), "businessKey", "REST-2020-0001"));

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        String id = response.json().path("id").asText();
        Api.Response vars = api.as("restbureau").get("/engine-rest/process-instance/" + id + "/variables");
        assertThat(vars.json().path("ruleViolations").path("value").asText()).isEmpty();
        assertThat(vars.json().path("applicationId").path("value").asText()).isEqualTo("REST-2020-0001");
    }

    @Test
    void refusesMalformedVariablesWith400NamingTheFieldsAndWritesNothing() {
        long before = jdbc.queryForObject("select count(*) from project_application", Long.class);
        Map<String, Object> variables = scenario.application("REST-2020", scenario.organization());
        variables.put("minBeneficiaries", "一百");
        variables.put("requestedAmount", "-5");
        Api.Response response = api.as("restbureau").post("/engine-rest/process-definition/key/projectApplication/start",
                Map.of("variables", Api.typed(variables)));

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().path("message").asText()).contains("minBeneficiaries").contains("requestedAmount");
        assertThat(response.errorFields()).containsExactlyInAnyOrder("minBeneficiaries", "requestedAmount");
        assertThat(jdbc.queryForObject("select count(*) from project_application", Long.class)).isEqualTo(before);
    }

    @Test
    void aProviderStartsAnApplicationButNotATender() {
        FangshanScenario.Org org = scenario.organization();
        users.create("restprovider", Groups.PROVIDER, Groups.organization(org.code()));
        Api.Response response = api.as("restprovider").post("/engine-rest/process-definition/key/projectApplication/start",
                Map.of("variables", Api.typed(scenario.application("REST-2020", org))));
        assertThat(response.status()).as(response.body()).isEqualTo(200);

        assertThat(api.as("restprovider").post("/engine-rest/process-definition/key/tenderProcurement/start",
                Map.of("variables", Map.of())).status()).isIn(403, 404);
    }

    @Test
    void eachDrawnExpertSeesOnlyItsOwnReview() {
        scenario.experts(4);
        String instanceId = scenario.apply(scenario.application("REST-2020", scenario.organization())).getId();
        scenario.executeJobs(instanceId);
        List<String> drawn = taskService.createTaskQuery().processInstanceId(instanceId).list().stream()
                .map(org.camunda.bpm.engine.task.Task::getAssignee).toList();
        assertThat(drawn).hasSize(3).doesNotHaveDuplicates();
        for (String expert : drawn) {
            Api.Response tasks = api.as(expert).get("/engine-rest/task?processInstanceId=" + instanceId);
            assertThat(tasks.json()).as(expert).hasSize(1);
            assertThat(tasks.json().get(0).path("assignee").asText()).isEqualTo(expert);
        }
        // an expert who was not drawn sees none of them
        String notDrawn = java.util.stream.Stream.of("expert1", "expert2", "expert3", "expert4")
                .filter(e -> !drawn.contains(e)).findFirst().orElseThrow();
        assertThat(api.as(notDrawn).get("/engine-rest/task?processInstanceId=" + instanceId).json()).isEmpty();
    }

    @Test
    void refusesAnonymousStarts() {
        assertThat(api.anonymous().post("/engine-rest/process-definition/key/projectApplication/start", "{}").status())
                .isEqualTo(401);
    }
}
