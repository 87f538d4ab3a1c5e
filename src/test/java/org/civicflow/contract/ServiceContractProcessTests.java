package org.civicflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.documents.DocumentService;
import org.civicflow.support.FangshanScenario;
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
    @Autowired
    FangshanScenario fangshan;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    DocumentService documents;

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
        scenario.complete(instance, "Task_ReviewFinalAcceptance", Map.of("acceptancePassed", true,
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

    @Test
    void sz16_itemsBeyondTheMenuNeedDistrictAndCityApprovalOrTheProviderRevisesThePlan() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);
        scenario.complete(instance, "Task_RegisterServiceTeam", scenario.team(code));
        // Tasklist shows the due date and the rule the task serves
        Task planTask = scenario.task(instance, "Task_PrepareExecutionPlan");
        assertThat(planTask.getDueDate().toInstant()).isEqualTo(Instant.parse("2018-06-20T01:00:00Z").plus(java.time.Duration.ofDays(15)));
        assertThat(planTask.getDescription()).startsWith("SZ-16：");
        Map<String, Object> plan = ContractScenario.plan();
        plan.put("additionalItems", "社区老年食堂运营");
        scenario.complete(instance, "Task_PrepareExecutionPlan", plan);
        assertThat(instance).isWaitingAt("Task_ApproveMenuChange").variables().containsEntry("menuChangeRequested", true);

        // the city does not agree: back to the provider with the reason
        scenario.complete(instance, "Task_ApproveMenuChange", Map.of("districtApproved", true, "cityApproved", false,
                "menuChangeComment", "与其他项目重叠"));
        assertThat(instance).isWaitingAt("Task_PrepareExecutionPlan").variables()
                .containsEntry("planReturnReason", "SZ-16：清单外服务项目未获区、市民政部门批准。与其他项目重叠");

        scenario.complete(instance, "Task_PrepareExecutionPlan", plan);
        scenario.complete(instance, "Task_ApproveMenuChange", Map.of("districtApproved", true, "cityApproved", true));
        assertThat(instance).isWaitingAt("Task_ConfirmServiceAgreement");
        scenario.complete(instance, "Task_ConfirmServiceAgreement", ContractScenario.agreement());

        assertThat(instance).isWaitingAt("Timer_QuarterEnd").hasPassed("Task_IssueServiceAgreement");
        ServiceContract contract = contracts.contract(instance.getBusinessKey());
        assertThat(contract.getAdditionalItems()).isEqualTo("社区老年食堂运营");
        assertThat(contract.getServicePopulations()).isEqualTo("困境老年人,残障人士");
        assertThat(contract.getStreetCoordinators()).isEqualTo("王协调");
        assertThat(contract.getServiceRecipients()).contains("李四");
        String agreementId = (String) runtimeService.getVariable(instance.getId(), "serviceAgreementDocumentId");
        assertThat(documents.find(agreementId).orElseThrow().getHtml()).contains("服务委托书").contains("SZ-16")
                .contains("2-1 社区需求调查").contains("社区老年食堂运营").contains("沧浪新城：李协调");
        // the street's list stays on the contract, not in process variables
        assertThat(runtimeService.getVariables(instance.getId())).doesNotContainKeys("serviceRecipients",
                "communityCoordinators");
    }

    @Test
    void sz07_anOverdueQuarterlyReportIsEscalatedToTheStreetAndStillAccepted() {
        String code = scenario.pilotOrganization();
        ProcessInstance instance = scenario.startPilot(code);
        scenario.complete(instance, "Task_RegisterServiceTeam", scenario.team(code));
        scenario.complete(instance, "Task_PrepareExecutionPlan", ContractScenario.plan());
        scenario.complete(instance, "Task_ConfirmServiceAgreement", ContractScenario.agreement());

        FangshanScenario.clock("2018-10-01T00:00:00+08:00");
        scenario.executeJobs(instance);
        Task report = scenario.task(instance, "Task_SubmitQuarterlyReport");
        assertThat(report.getDueDate().toInstant()).isEqualTo(Instant.parse("2018-10-15T16:00:00Z"));
        assertThat(report.getFollowUpDate().toInstant()).isEqualTo(Instant.parse("2018-10-10T16:00:00Z"));
        assertThat(report.getDescription()).contains("SZ-07");
        assertThat(runtimeService.getVariables(report.getExecutionId())).containsEntry("reportPeriodText",
                "第1期：2018年7月1日至2018年9月30日");

        FangshanScenario.clock("2018-10-16T09:00:00+08:00");
        scenario.executeJobs(instance);
        assertThat(instance).hasPassed("Task_EscalateOverdueReport", "EndEvent_OverdueReportEscalated")
                .isWaitingAt("Task_SubmitQuarterlyReport");
        assertThat(documents.ofProcessInstance(instance.getId())).anySatisfy(d -> {
            assertThat(d.getTitle()).isEqualTo("季度报告逾期督办通知");
            assertThat(d.getHtml()).contains("SZ-07").contains("第1期").contains("2018年10月15日24时");
        });

        scenario.complete(instance, "Task_SubmitQuarterlyReport", ContractScenario.goodQuarter());
        QuarterlyReport first = contracts.reports(instance.getBusinessKey()).get(0);
        assertThat(first.isLate()).isTrue();
        assertThat(first.getEscalatedAt()).isNotNull();
        assertThat(first.getCommunityFigures()).hasSize(5);
        assertThat(first.getPopulationCategories()).isEqualTo("ELDERLY,DISABLED");
        // the next quarter's form starts empty again
        assertThat(runtimeService.getVariables(instance.getId())).doesNotContainKeys("personsServed", "reportSummary");
        assertThat(instance).isWaitingAt("Timer_QuarterEnd");
    }

    @Test
    void fs11_aFundedApplicationGoesOnAsItsContractAndEndsFundedWhenTheContractCompletes() {
        FangshanScenario.clock(FangshanScenario.DURING_2020_ROUND);
        FangshanScenario.Org org = fangshan.organization();
        fangshan.experts(3);
        fangshan.openCall("CT-FS");
        ProcessInstance application = fangshan.apply(fangshan.application("CT-FS", org));
        fangshan.executeJobs(application.getId());
        taskService.createTaskQuery().processInstanceId(application.getId()).list()
                .forEach(t -> taskService.complete(t.getId(), Map.of("reviewScore", 85, "reviewComment", "可行")));
        FangshanScenario.clock("2020-04-15T09:00:00+08:00");
        taskService.complete(taskService.createTaskQuery().processInstanceId(application.getId()).singleResult().getId(),
                Map.of("fundingApproved", true, "grantedAmount", 100000));
        assertThat(application).isWaitingAt("Task_PerformServiceContract");

        String applicationId = (String) runtimeService.getVariable(application.getId(), "applicationId");
        ProcessInstance contract = runtimeService.createProcessInstanceQuery()
                .processInstanceBusinessKey("HT-" + applicationId).singleResult();
        ServiceContract terms = contracts.contract("HT-" + applicationId);
        assertThat(terms.getKind()).isEqualTo(ContractKind.FUNDED_PROJECT);
        assertThat(terms.getOriginalAmount()).isEqualByComparingTo("100000");
        assertThat(terms.getServiceStart()).isEqualTo(LocalDate.of(2020, 4, 15));
        assertThat(terms.getServiceEnd()).isEqualTo(LocalDate.of(2020, 12, 10));
        assertThat(terms.indicatorList()).isNotEmpty();
        // no team, plan or agreement under a funded project: straight to the first report
        assertThat(contract).isWaitingAt("Timer_QuarterEnd").hasNotPassed("Task_FormServiceTeam");

        Map<String, Object> figures = new HashMap<>(Map.of("personsServed", 40, "caseServed", 10,
                "reportSummary", "按计划开展"));
        scenario.reportQuarter(contract, Instant.parse("2020-07-02T02:00:00Z"), figures);
        scenario.reportQuarter(contract, Instant.parse("2020-10-02T02:00:00Z"), figures);
        figures.put("completedOn", "2020-12-05");
        scenario.reportQuarter(contract, Instant.parse("2020-12-11T02:00:00Z"), figures);
        assertThat(contract).isWaitingAt("Task_ReviewFinalAcceptance").variables()
                .containsEntry("completionShortfalls", "");
        int indicators = terms.indicatorList().size();
        String all = java.util.stream.IntStream.rangeClosed(1, indicators).mapToObj(String::valueOf)
                .collect(java.util.stream.Collectors.joining(","));
        scenario.complete(contract, "Task_ReviewFinalAcceptance", Map.of("acceptancePassed", true, "finalScore", 92,
                "indicatorsMet", all, "acceptanceComment", "按期完成"));

        assertThat(contract).isEnded().hasPassed("EndEvent_ContractCompleted").variables()
                .containsEntry("paymentAmount", 100000.0);
        assertThat(application).isEnded().hasPassed("EndEvent_ProjectFunded").variables()
                .containsEntry("contractStatus", "COMPLETED").containsEntry("paymentAmount", 100000.0);
        assertThat(registry.view(org.code()).projectOutcomes()).singleElement()
                .satisfies(o -> assertThat(o.year()).isEqualTo(2020));
    }
}
