package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.civicflow.registry.RegistryDemoData;
import org.civicflow.registry.RegistryService;
import org.civicflow.support.Api;
import org.civicflow.support.ActiveEngineListener;
import org.civicflow.support.TestUsers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestExecutionListeners;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.test.context.TestPropertySource;

/**
 * The default run: administrator demo/demo, one demo user per group, demo organizations with staff,
 * the 2020 房山 demo round. No coverage recording here: the demo starts instances while the context
 * starts, before a test could record them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestUsers.class, Api.class})
@TestExecutionListeners(listeners = ActiveEngineListener.class, mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
@TestPropertySource(properties = "civicflow.demo.enabled=true")
class DemoDataTests {

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    IdentityService identityService;
    @Autowired
    RegistryService registry;
    @Autowired
    Api api;
    @Autowired
    List<ApplicationRunner> runners;

    @Test
    void theAdministratorIsDemoWithPasswordDemo() {
        assertThat(identityService.checkPassword("demo", "demo")).isTrue();
        assertThat(identityService.createUserQuery().memberOfGroup(Groups.ADMIN).list()).extracting(User::getId)
                .contains("demo");
    }

    @Test
    void everyRoleGroupHasADemoUserWhoCanSignIn() {
        for (String group : Groups.ROLES.keySet()) {
            List<User> members = identityService.createUserQuery().memberOfGroup(group).list();
            assertThat(members).as(group).isNotEmpty();
            assertThat(api.as(members.get(0).getId(), "demo").get("/api/round-policies").status()).as(group).isEqualTo(200);
        }
        assertThat(identityService.createUserQuery().memberOfGroup(Groups.EXPERT).count()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void demoOrganizationsAreRegisteredWithStaffAndTheirUsers() {
        assertThat(registry.views()).hasSizeGreaterThanOrEqualTo(4).allSatisfy(o -> {
            assertThat(o.staff()).isNotEmpty();
            assertThat(identityService.createGroupQuery().groupId(o.groupId()).count()).isEqualTo(1);
            assertThat(identityService.createUserQuery().memberOfGroup(o.groupId()).count()).isGreaterThanOrEqualTo(1);
        });
        // the penalised organization carries its fact for FS-03
        assertThat(registry.views()).anySatisfy(o -> assertThat(o.creditRecords()).isNotEmpty());
    }

    @Autowired
    org.camunda.bpm.engine.HistoryService historyService;
    @Autowired
    TaskService taskService;
    @Autowired
    org.camunda.bpm.engine.ManagementService managementService;

    @Test
    void theFangshanRoundIsReplayedWithApplicationsInEveryState() {
        assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey("callForProposals")
                .processInstanceBusinessKey("FS-2020").count()).isOne();
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey("FS-2020-0002")
                .taskDefinitionKey("Task_ApproveJointApplication").count()).isOne();
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceIdIn(
                historyService.createHistoricProcessInstanceQuery().processInstanceBusinessKey("FS-2020-0003")
                        .singleResult().getId()).variableName("ruleViolations").singleResult().getValue())
                .isEqualTo("FS-03,FS-05");
        // FS-2020-0001 waits for its experts: drawing them is asynchronous (no job executor in tests)
        assertThat(managementService.createJobQuery().processInstanceId(historyService
                .createHistoricProcessInstanceQuery().processInstanceBusinessKey("FS-2020-0001").singleResult().getId())
                .activityId("Task_DrawReviewers").count()).isOne();
    }

    @Test
    void theSuzhouPilotIsReplayedWithSealedBids() {
        var tender = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("tenderProcurement")
                .processInstanceBusinessKey("SZ-GS-CANGLANG").singleResult();
        assertThat(tender).isNotNull();
        // the bid deadline lies in 2018: its timer is due, and the job executor opens the bids at start-up
        assertThat(managementService.createJobQuery().processInstanceId(tender.getId()).timers().duedateLowerThan(
                new java.util.Date()).count()).isOne();
        assertThat(api.as("bureau01", "demo").get("/api/tenders/SZ-GS-CANGLANG/bids").json().path("bidCount").asInt())
                .isEqualTo(2);
        assertThat(api.as("bureau01", "demo").get("/api/tenders/SZ-EVALUATOR/bids").json().path("bidCount").asInt())
                .isEqualTo(1);
    }

    @Test
    void aFundedFangshanProjectReportsUnderItsContract() {
        var application = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("FS-2020-0004")
                .singleResult();
        assertThat(runtimeService.getVariable(application.getId(), "applicationStatus")).isEqualTo("FUNDED");
        var contract = runtimeService.createProcessInstanceQuery().superProcessInstanceId(application.getId())
                .singleResult();
        assertThat(runtimeService.getVariable(contract.getId(), "contractKind")).isEqualTo("FUNDED_PROJECT");
        // two periods reported (to 30 June 2020); the third period's end is due at start-up
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(contract.getId())
                .taskDefinitionKey("Task_SubmitQuarterlyReport").finished().count()).isEqualTo(2);
        assertThat(managementService.createJobQuery().processInstanceId(contract.getId()).timers()
                .duedateLowerThan(new java.util.Date()).count()).isOne();
    }

    @Test
    void theSuzhouContractsAreReplayedInEveryStage() {
        // 金阊: two years reported and assessed, accepted and paid by the formula (91 points → 1.00)
        var completed = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("serviceContract")
                .processInstanceBusinessKey("HT-SZ-GS-JINCHANG-1").singleResult();
        assertThat(completed.getEndActivityId()).isEqualTo("EndEvent_ContractCompleted");
        assertThat(variable(completed.getId(), "contractStatus")).isEqualTo("COMPLETED");
        assertThat(variable(completed.getId(), "paymentAmount")).isEqualTo(2140000.0);
        assertThat(registry.view(RegistryDemoData.YISHAN).projectOutcomes()).anySatisfy(o -> {
            assertThat(o.year()).isEqualTo(2020);
            assertThat(o.acceptancePassed()).isTrue();
        });

        // 双塔: deducted for a late team, three reports in, the fourth period's end is due at start-up
        var reporting = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("HT-SZ-GS-SHUANGTA-1")
                .singleResult();
        assertThat(runtimeService.getVariable(reporting.getId(), "evaluationDeductions")).isEqualTo(5);
        assertThat(managementService.createJobQuery().processInstanceId(reporting.getId()).timers()
                .duedateLowerThan(new java.util.Date()).count()).isOne();

        // 平江: no team; both SZ-06 timers are due, and firing them brings the bureau's sanction decision
        var lateTeam = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey("HT-SZ-GS-PINGJIANG-1")
                .singleResult();
        assertThat(taskService.createTaskQuery().processInstanceId(lateTeam.getId())
                .taskDefinitionKey("Task_RegisterServiceTeam").count()).isOne();
        var timers = managementService.createJobQuery().processInstanceId(lateTeam.getId()).timers()
                .duedateLowerThan(new java.util.Date()).list();
        assertThat(timers).hasSize(2);
        timers.forEach(job -> managementService.executeJob(job.getId()));
        assertThat(taskService.createTaskQuery().processInstanceId(lateTeam.getId())
                .taskDefinitionKey("Task_DecideContractSanction").taskCandidateGroup(Groups.BUREAU).count()).isOne();
    }

    @Test
    void eachDemoStreetUserWorksForOneStreet() {
        assertThat(identityService.createUserQuery().memberOfGroup(Groups.street("SZ-GS-SHUANGTA")).list())
                .extracting(User::getId).containsExactly("street01");
        assertThat(identityService.createUserQuery().memberOfGroup(Groups.street("SZ-GS-CANGLANG")).list())
                .extracting(User::getId).containsExactly("street02");

        Api.Response shuangta = api.as("street01", "demo").get("/dashboard");
        assertThat(shuangta.status()).isEqualTo(200);
        assertThat(shuangta.body()).contains("HT-SZ-GS-SHUANGTA-1").doesNotContain("SZ-GS-JINCHANG", "SZ-GS-CANGLANG");
        Api.Response canglang = api.as("street02", "demo").get("/dashboard");
        assertThat(canglang.body()).contains("SZ-GS-CANGLANG").doesNotContain("SZ-GS-SHUANGTA", "SZ-GS-JINCHANG");
    }

    private Object variable(String processInstanceId, String name) {
        return historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId)
                .variableName(name).singleResult().getValue();
    }

    @Test
    void runningTheStartUpAgainAddsNothing() throws Exception {
        long users = identityService.createUserQuery().count();
        long groups = identityService.createGroupQuery().count();
        int staff = registry.views().stream().mapToInt(o -> o.staff().size()).sum();
        ApplicationArguments none = new DefaultApplicationArguments();
        for (ApplicationRunner runner : runners) {
            runner.run(none);
        }
        assertThat(identityService.createUserQuery().count()).isEqualTo(users);
        assertThat(identityService.createGroupQuery().count()).isEqualTo(groups);
        assertThat(registry.views().stream().mapToInt(o -> o.staff().size()).sum()).isEqualTo(staff);
    }
}
