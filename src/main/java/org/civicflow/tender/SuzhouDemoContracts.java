package org.civicflow.tender;

import static org.civicflow.system.DemoReplay.at;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.civicflow.registry.OrganizationView;
import org.civicflow.registry.RegistryDemoData;
import org.civicflow.registry.RegistryService;
import org.civicflow.system.DemoReplay;
import org.civicflow.system.Groups;
import org.civicflow.system.UnitGroups;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's 苏州 contracts in every stage, replayed as they happened (engine clock set back, jobs run by
 * hand before the job executor starts): three more streets were tendered in May 2018 and signed with 益善 —
 * 金阊街道's contract ran its two years and was accepted and paid; 双塔街道 formed its team 16 days late
 * (SZ-06 deduction) and reported three quarters, so at first start its fourth report falls due and is
 * escalated to the street; 平江街道 never formed a team, so at first start the deduction and then the
 * bureau's sanction decision (决定合同处理方式) appear.
 */
@Component
@Order(60)
@ConditionalOnProperty(name = "civicflow.demo.enabled", havingValue = "true")
class SuzhouDemoContracts implements ApplicationRunner {

    static final String COMPLETED_UNIT = "SZ-GS-JINCHANG";
    static final String REPORTING_UNIT = "SZ-GS-SHUANGTA";
    static final String LATE_TEAM_UNIT = "SZ-GS-PINGJIANG";

    private final TenderService tenders;
    private final RegistryService registry;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final DemoReplay replay;
    private final UnitGroups unitGroups;

    SuzhouDemoContracts(TenderService tenders, RegistryService registry, RuntimeService runtimeService,
                        TaskService taskService, DemoReplay replay, UnitGroups unitGroups) {
        this.unitGroups = unitGroups;
        this.tenders = tenders;
        this.registry = registry;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.replay = replay;
    }

    @Override
    public void run(ApplicationArguments args) {
        // 双塔's street and community staff (demo users street01, community01)
        unitGroups.ensure(REPORTING_UNIT, "姑苏区双塔街道");
        unitGroups.addMember("street01", Groups.street(REPORTING_UNIT));
        unitGroups.addMember("community01", Groups.community(REPORTING_UNIT));
        if (tenders.current(COMPLETED_UNIT).isPresent()) {
            return;
        }
        try {
            ProcessInstance completed = signedContract(COMPLETED_UNIT, "姑苏区金阊街道",
                    List.of("白莲社区", "彩香社区", "三元社区", "虎丘社区"), "2140000");
            ProcessInstance reporting = signedContract(REPORTING_UNIT, "姑苏区双塔街道",
                    List.of("定慧寺巷社区", "锦帆路社区", "滚绣坊社区", "二郎巷社区", "竹辉新村社区"), "2155000");
            signedContract(LATE_TEAM_UNIT, "姑苏区平江街道", List.of("钮家巷社区", "大儒巷社区", "平江路社区", "观前社区"),
                    "2170000");

            // 金阊: team on time, plan and agreement, eight quarters and two annual assessments, accepted, paid
            at("2018-06-25T10:00:00+08:00");
            complete(completed, "Task_RegisterServiceTeam", team());
            complete(completed, "Task_PrepareExecutionPlan", plan());
            at("2018-06-29T15:00:00+08:00");
            complete(completed, "Task_ConfirmServiceAgreement", agreement(completed));
            for (String quarterEnd : List.of("2018-09-30", "2018-12-31", "2019-03-31", "2019-06-30", "2019-09-30",
                    "2019-12-31", "2020-03-31", "2020-06-30")) {
                report(completed, LocalDate.parse(quarterEnd), quarterEnd.equals("2020-06-30"));
            }
            at("2020-07-28T10:00:00+08:00");
            complete(completed, "Task_ReviewFinalAcceptance", Map.of("acceptancePassed", true, "finalScore", 91,
                    "coordinationScore", 88, "acceptanceComment", "各项指标均已达成，居民满意度高。"));

            // 双塔: the team 16 days late (deducted at 15), then three quarters reported, the third one late
            at("2018-07-16T00:00:00+08:00");
            replay.runJobs(reporting);
            at("2018-07-17T11:00:00+08:00");
            complete(reporting, "Task_RegisterServiceTeam", team());
            complete(reporting, "Task_PrepareExecutionPlan", plan());
            at("2018-07-25T16:00:00+08:00");
            complete(reporting, "Task_ConfirmServiceAgreement", agreement(reporting));
            report(reporting, LocalDate.parse("2018-09-30"), false);
            report(reporting, LocalDate.parse("2018-12-31"), false);
            at("2019-04-16T09:00:00+08:00");
            replay.runJobs(reporting);
            at("2019-04-16T10:00:00+08:00");
            replay.runJobs(reporting);
            at("2019-04-19T10:00:00+08:00");
            complete(reporting, "Task_SubmitQuarterlyReport", figures(reporting, false));
        } finally {
            ClockUtil.reset();
        }
    }

    /** A street's tender from notice to signature, 益善 the only qualified bidder; returns its contract instance. */
    private ProcessInstance signedContract(String unit, String unitName, List<String> communities, String amount) {
        at("2018-05-21T09:00:00+08:00");
        ProcessInstance tender = runtimeService.startProcessInstanceByKey("tenderProcurement", unit, Map.of(
                "unitCode", unit, "unitName", unitName, "district", "苏州市姑苏区",
                "bidDeadline", "2018-06-11T09:00:00+08:00", "communities", String.join(",", communities)));
        at("2018-06-06T10:00:00+08:00");
        tenders.submitBid(unit, RegistryDemoData.YISHAN, new BigDecimal(amount), "provider03");
        at("2018-06-11T09:00:00+08:00");
        replay.runJobs(tender);
        // the committee's input is confidential until the award: transient, as Tasklist sends it
        complete(tender, "Task_SetUpEvaluationCommittee", confidential("committeeExperts",
                "expert01,expert02,expert03,expert04", "committeeRepresentatives", "姑苏区民政局代表"));
        at("2018-06-12T16:00:00+08:00");
        complete(tender, "Task_EvaluateBids", confidential("winningOrganizationCode", RegistryDemoData.YISHAN,
                "evaluationReport", "益善社工服务社为唯一合格投标人，技术方案完整，报价在预算内。"));
        // the award notice follows in its own transaction (Task_EvaluateBids is asyncAfter)
        replay.runJobs(tender);
        at("2018-06-15T10:00:00+08:00");
        complete(tender, "Task_SignContract", Map.of("contractSigned", true));
        return runtimeService.createProcessInstanceQuery().superProcessInstanceId(tender.getId()).singleResult();
    }

    /** Texts as transient variables (name, value, name, value …): recorded by the listeners, never persisted. */
    private static VariableMap confidential(String... namesAndValues) {
        VariableMap variables = Variables.createVariables();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.putValueTyped(namesAndValues[i], Variables.stringValue(namesAndValues[i + 1], true));
        }
        return variables;
    }

    /** 益善's team: twelve staff, the first as project manager, a local supervisor with SW training (SZ-05). */
    private Map<String, Object> team() {
        List<OrganizationView.Staff> staff = registry.view(RegistryDemoData.YISHAN).staff();
        return Map.of("teamStaffIds", staff.stream().map(s -> String.valueOf(s.id())).collect(Collectors.joining(",")),
                "projectManagerStaffId", (int) staff.get(0).id(), "supervisorStaffIds", String.valueOf(staff.get(4).id()));
    }

    private static Map<String, Object> plan() {
        return Map.of("serviceItems", "1-1,1-3,1-6,2-1,2-2,2-3,3-1,3-3,4-1,4-2,4-3",
                "servicePopulations", "困境老年人,低保特困人群,残障人士",
                "serviceMethods", "入户探访、个案管理、小组工作、社区活动与志愿服务",
                "deliverables", "居民家庭需求档案、社区资源图、社区工作研究报告、志愿者队伍名册");
    }

    private Map<String, Object> agreement(ProcessInstance contract) {
        List<String> communities = communities(contract);
        return Map.of("residentsAgreed", true, "committeeApproved", true, "streetCoordinators", "周明",
                "communityCoordinators", communities.stream().map(c -> c + "：" + "吴敏").collect(Collectors.joining("\n")),
                "serviceRecipients", "王阿姨（独居）\n李大爷（低保）\n张先生（残障）\n陈奶奶（空巢）\n刘女士（低保）");
    }

    private List<String> communities(ProcessInstance contract) {
        String text = (String) runtimeService.getVariable(contract.getId(), "communitiesText");
        return List.of(text.split("、"));
    }

    /** One quarter: its end passes, the report is opened and submitted a week later; assessments at year end. */
    private void report(ProcessInstance contract, LocalDate quarterEnd, boolean last) {
        at(quarterEnd.plusDays(1) + "T00:00:00+08:00");
        replay.runJobs(contract);
        at(quarterEnd.plusDays(8) + "T10:00:00+08:00");
        complete(contract, "Task_SubmitQuarterlyReport", figures(contract, last));
        if (task(contract, "Task_AssessYearByStreet") != null) {
            Map<String, Object> scores = Map.of("progressScore", 88, "effectScore", 90, "satisfactionScore", 92,
                    "assessmentComment", "按计划推进，居民反映良好。");
            complete(contract, "Task_AssessYearByStreet", scores);
            complete(contract, "Task_AssessYearByCommunity", scores);
        }
    }

    /** A quarter's figures that, over a year, meet SZ-08, SZ-10 and SZ-11. */
    private Map<String, Object> figures(ProcessInstance contract, boolean last) {
        List<String> communities = communities(contract);
        Map<String, Object> figures = new HashMap<>();
        figures.put("personsServed", 12);
        figures.put("caseServed", 7);
        figures.put("servedFromStreetList", 8);
        figures.put("populationCategories", "困境老年人,低保特困人群,残障人士");
        figures.put("trainingSessions", 2);
        figures.put("trainingHours", 6);
        figures.put("streetMeetings", 3);
        figures.put("communityMeetings", 14 * communities.size());
        figures.put("communityFigures", communities.stream().map(c -> c + "：需求档案 40，困境家庭档案 30，资源图 是，调研 1，"
                + "志愿者队伍 2，志愿者 56，环境治理 1，公益平台 1，社区公益金 0，关系网络 1").collect(Collectors.joining("\n")));
        figures.put("reportSummary", "本季度入户探访、个案服务和社区活动按计划开展。");
        if (last) {
            figures.put("completedOn", "2020-06-30");
        }
        return figures;
    }

    private Task task(ProcessInstance instance, String key) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(key).singleResult();
    }

    private void complete(ProcessInstance instance, String key, Map<String, Object> variables) {
        taskService.complete(task(instance, key).getId(), variables);
    }
}
