package org.civicflow.application;

import static org.civicflow.system.DemoReplay.at;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.Variables;
import org.civicflow.call.CallService;
import org.civicflow.registry.OrganizationView;
import org.civicflow.registry.RegistryDemoData;
import org.civicflow.registry.RegistryService;
import org.civicflow.system.DemoReplay;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's 2020 房山 round, started as it happened: the call opened in January 2020 and three
 * applications submitted before the deadline (the engine clock is set back while they start, as
 * Camunda's invoice example back-dates its demo instances). One awaits expert review, one is a joint
 * application awaiting the bureau, one was rejected under FS-03 and FS-05. The round's deadlines are
 * long past, so the job executor closes and summarizes it at first start.
 */
@Component
@Order(40)
@ConditionalOnProperty(name = "civicflow.demo.enabled", havingValue = "true")
class FangshanDemoRound implements ApplicationRunner {

    static final String CALL_ID = "FS-2020";

    private final CallService calls;
    private final RegistryService registry;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final DemoReplay replay;

    FangshanDemoRound(CallService calls, RegistryService registry, RuntimeService runtimeService,
                      TaskService taskService, DemoReplay replay) {
        this.calls = calls;
        this.registry = registry;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.replay = replay;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (calls.findCall(CALL_ID).isPresent()) {
            return;
        }
        try {
            at("2020-01-06T09:30:00+08:00");
            runtimeService.startProcessInstanceByKey("callForProposals", CALL_ID, Map.of("callId", CALL_ID));

            at("2020-01-20T15:12:00+08:00");
            Map<String, Object> eligible = application(RegistryDemoData.SUNSHINE, "2-3", "长阳镇独居老人心理关怀服务",
                    "长阳镇60岁以上独居、空巢老人", 150, 180000);
            runtimeService.startProcessInstanceByKey("projectApplication", "FS-2020-0001", eligible);

            at("2020-02-03T10:05:00+08:00");
            Map<String, Object> joint = application(RegistryDemoData.SUNSHINE, "1-5", "拱辰街道邻里志愿互助网络",
                    "拱辰街道社区居民和志愿者", 300, 120000);
            joint.put("jointApplicants", RegistryDemoData.TONGXIN);
            runtimeService.startProcessInstanceByKey("projectApplication", "FS-2020-0002", joint);

            at("2020-02-05T16:40:00+08:00");
            Map<String, Object> rejected = application(RegistryDemoData.TONGXIN, "3-2", "务工家庭青少年暑期课堂",
                    "城关街道务工人员单亲、困难家庭青少年", 60, 90000);
            runtimeService.startProcessInstanceByKey("projectApplication", "FS-2020-0003", rejected);

            // 启航: reviewed by three experts, funded on 20 March, its contract reporting since
            at("2020-02-06T11:20:00+08:00");
            ProcessInstance funded = runtimeService.startProcessInstanceByKey("projectApplication", "FS-2020-0004",
                    application(RegistryDemoData.QIHANG, "1-1", "西潞街道社区议事协商能力提升项目",
                            "西潞街道各社区居民骨干、楼门长和社区社会组织", 200, 160000));
            at("2020-02-20T09:00:00+08:00");
            replay.runJobs(funded);
            for (Task review : taskService.createTaskQuery().processInstanceId(funded.getId()).list()) {
                // as Tasklist sends them: transient, kept by the review record only
                taskService.complete(review.getId(), Variables.createVariables()
                        .putValueTyped("reviewScore", Variables.integerValue(86, true))
                        .putValueTyped("reviewComment", Variables.stringValue("目标明确，社区基础好，方案可行。", true)));
            }
            at("2020-03-20T15:00:00+08:00");
            Task decision = taskService.createTaskQuery().processInstanceId(funded.getId()).singleResult();
            taskService.complete(decision.getId(), Map.of("fundingApproved", true, "grantedAmount", 150000));
            ProcessInstance contract = runtimeService.createProcessInstanceQuery()
                    .superProcessInstanceId(funded.getId()).singleResult();
            for (String reportedOn : List.of("2020-04-08", "2020-07-09")) {
                at(LocalDate.parse(reportedOn).minusDays(7) + "T00:00:00+08:00");
                replay.runJobs(contract);
                at(reportedOn + "T10:00:00+08:00");
                Task report = taskService.createTaskQuery().processInstanceId(contract.getId()).singleResult();
                taskService.complete(report.getId(), Map.of("personsServed", 70, "caseServed", 12,
                        "reportSummary", "开展议事协商培训和楼门长沙龙，按计划推进。"));
            }
        } finally {
            ClockUtil.reset();
        }
    }

    private Map<String, Object> application(String code, String catalogCode, String title, String beneficiaries,
                                            int minBeneficiaries, int amount) {
        List<OrganizationView.Staff> staff = registry.view(code).staff();
        Map<String, Object> variables = new HashMap<>();
        variables.put("callId", CALL_ID);
        variables.put("organizationCode", code);
        variables.put("catalogCode", catalogCode);
        variables.put("projectTitle", title);
        variables.put("targetBeneficiaries", beneficiaries);
        variables.put("minBeneficiaries", minBeneficiaries);
        variables.put("requestedAmount", amount);
        variables.put("staffPayRaiseAmount", 0);
        variables.put("officeImprovementAmount", 0);
        variables.put("alreadyFundedByDistrict", false);
        variables.put("otherFundingSources", "街道配套资金2万元");
        variables.put("jointApplicants", "");
        variables.put("leadStaffId", (int) staff.get(0).id());
        variables.put("teamStaffIds", String.join(",", staff.stream().limit(6).map(s -> String.valueOf(s.id())).toList()));
        return variables;
    }
}
