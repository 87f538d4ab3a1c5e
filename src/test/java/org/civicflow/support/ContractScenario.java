package org.civicflow.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.contract.ContractKind;
import org.civicflow.contract.ContractService;
import org.civicflow.contract.ContractTerms;
import org.civicflow.registry.Qualification;
import org.civicflow.registry.RegistryService;
import org.civicflow.registry.StaffData;
import org.civicflow.system.UnitGroups;
import org.springframework.boot.test.context.TestComponent;

/**
 * Builds serviceContract scenarios: a 苏州 unit contract (2018-07-01 … 2020-06-30, team due 2018年6月30日24时,
 * five communities) or a 房山 funded project, and drives its tasks with figures that meet — or miss — the targets.
 */
@TestComponent
public class ContractScenario {

    public static final String TEAM_DEADLINE = "2018-07-01T00:00:00+08:00";
    /** The 苏州 unit of every pilot contract this scenario starts (its groups: street-SZ-TEST, community-SZ-TEST). */
    public static final String UNIT = "SZ-TEST";
    public static final List<String> COMMUNITIES = List.of("南环新村", "竹辉", "友新", "桂花", "沧浪新城");
    private static final AtomicInteger NUMBERS = new AtomicInteger();

    private final ContractService contracts;
    private final RegistryService registry;
    private final RuntimeService runtimeService;
    private final TaskService taskService;
    private final SuzhouScenario suzhou;
    private final FangshanScenario fangshan;
    private final UnitGroups unitGroups;

    ContractScenario(ContractService contracts, RegistryService registry, RuntimeService runtimeService,
                     TaskService taskService, SuzhouScenario suzhou, FangshanScenario fangshan, UnitGroups unitGroups) {
        this.unitGroups = unitGroups;
        this.contracts = contracts;
        this.registry = registry;
        this.runtimeService = runtimeService;
        this.taskService = taskService;
        this.suzhou = suzhou;
        this.fangshan = fangshan;
    }

    /** A 苏州 contractor: 9 full-time staff (5 professional social workers) and a local 见习督导. */
    public String pilotOrganization() {
        String code = suzhou.qualifiedBidder();
        registry.addStaff(code, new StaffData("督导", false, false, 0, false, Qualification.SOCIAL_WORKER, true, 8, 5,
                true, true, false));
        return code;
    }

    public List<Long> staffIds(String code) {
        return registry.view(code).staff().stream().map(s -> s.id()).toList();
    }

    /** Starts a 苏州 unit contract of 2,200,000 yuan at 2018-06-20 (engine clock). */
    public ProcessInstance startPilot(String organizationCode) {
        FangshanScenario.clock("2018-06-20T09:00:00+08:00");
        String number = "HT-TEST-" + NUMBERS.incrementAndGet() + "-" + organizationCode.substring(12);
        // as the unit's tender would have: its street's and communities' groups
        unitGroups.ensure(UNIT, "测试街道");
        contracts.register(new ContractTerms(number, ContractKind.PILOT_UNIT, "SZ-2018", organizationCode,
                "测试街道社区服务社会化项目", "TEST", new BigDecimal("2200000.00"), LocalDate.parse("2018-07-01"),
                LocalDate.parse("2020-06-30"), OffsetDateTime.parse(TEAM_DEADLINE).toInstant(), COMMUNITIES, null,
                null, null, UNIT));
        return runtimeService.startProcessInstanceByKey("serviceContract", number, Map.of("contractNumber", number));
    }

    /** Starts a 房山 funded project (catalog 1-1, 3 indicators, at least 100 beneficiaries) on 2020-04-15. */
    public ProcessInstance startProject(String organizationCode) {
        FangshanScenario.clock("2020-04-15T09:00:00+08:00");
        String number = "HT-FS-" + NUMBERS.incrementAndGet() + "-" + organizationCode.substring(12);
        contracts.register(new ContractTerms(number, ContractKind.FUNDED_PROJECT, "FS-2020", organizationCode,
                "社区治理创新测试项目", "TEST", new BigDecimal("120000.00"), LocalDate.parse("2020-04-15"),
                LocalDate.parse("2020-12-10"), null, List.of(), "1-1", "1、有较为健全的制度与工作预案；\n2、社区参与度、社区领袖；\n3、有隐患排查和舆情上报。",
                100, null));
        return runtimeService.startProcessInstanceByKey("serviceContract", number, Map.of("contractNumber", number));
    }

    /** A team meeting SZ-05: the nine staff with the first as project manager, the 督导 as supervisor. */
    public Map<String, Object> team(String code) {
        List<Long> ids = staffIds(code);
        Map<String, Object> team = new HashMap<>();
        team.put("teamStaffIds", ids.subList(0, 9).stream().map(String::valueOf).collect(Collectors.joining(",")));
        team.put("projectManagerStaffId", ids.get(0).intValue());
        team.put("supervisorStaffIds", String.valueOf(ids.get(9)));
        return team;
    }

    public static Map<String, Object> plan() {
        return new HashMap<>(Map.of("serviceItems", "1-1,1-6,2-1,2-2,3-1,3-3,4-1,4-2,4-3", "servicePopulations",
                "困境老年人,残障人士", "serviceMethods", "个案、小组、社区活动", "deliverables", "服务档案、资源图、研究报告"));
    }

    public static Map<String, Object> agreement() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("residentsAgreed", true);
        vars.put("committeeApproved", true);
        vars.put("streetCoordinators", "王协调");
        vars.put("communityCoordinators", COMMUNITIES.stream().map(c -> c + "：李协调").collect(Collectors.joining("\n")));
        vars.put("serviceRecipients", "张三\n李四\n王五");
        return vars;
    }

    /** One quarter's figures that, over four quarters, meet every SZ-08, SZ-10 and SZ-11 target. */
    public static Map<String, Object> goodQuarter() {
        Map<String, Object> vars = new HashMap<>();
        vars.put("personsServed", 10);
        vars.put("caseServed", 6);
        vars.put("servedFromStreetList", 7);
        vars.put("populationCategories", "困境老年人,残障人士");
        vars.put("trainingSessions", 2);
        vars.put("trainingHours", 8);
        vars.put("streetMeetings", 3);
        vars.put("communityMeetings", 70);
        vars.put("communityFigures", COMMUNITIES.stream().map(c -> c + "：需求档案 40，困境家庭档案 30，资源图 是，调研 1，"
                + "志愿者队伍 2，志愿者 55，环境治理 1，公益平台 1，社区公益金 0，关系网络 1").collect(Collectors.joining("\n")));
        vars.put("reportSummary", "按计划开展服务");
        return vars;
    }

    public static Map<String, Object> assessment() {
        return new HashMap<>(Map.of("progressScore", 85, "effectScore", 88, "satisfactionScore", 90,
                "assessmentComment", "按计划推进"));
    }

    public Task task(ProcessInstance instance, String taskKey) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(taskKey).singleResult();
    }

    public void complete(ProcessInstance instance, String taskKey, Map<String, Object> variables) {
        Task task = task(instance, taskKey);
        if (task == null) {
            throw new AssertionError("No task " + taskKey + " in " + instance.getId());
        }
        taskService.complete(task.getId(), variables);
    }

    /** Runs the contract's due jobs (timers at the engine clock). */
    public void executeJobs(ProcessInstance instance) {
        fangshan.executeJobs(instance.getId());
    }

    /** Moves the clock past the period's end (and due date if {@code late}), fires the timers, reports. */
    public void reportQuarter(ProcessInstance instance, Instant at, Map<String, Object> figures) {
        FangshanScenario.clock(at);
        fangshan.executeJobs(instance.getId());
        complete(instance, "Task_SubmitQuarterlyReport", figures);
        if (task(instance, "Task_AssessYearByStreet") != null) {
            complete(instance, "Task_AssessYearByStreet", assessment());
            complete(instance, "Task_AssessYearByCommunity", assessment());
        }
    }

    /** Forms the team on time, agrees the plan, and reports all eight quarters with {@code figures}. */
    public ProcessInstance pilotUntilAcceptance(String code, Map<String, Object> figures) {
        ProcessInstance instance = startPilot(code);
        complete(instance, "Task_RegisterServiceTeam", team(code));
        complete(instance, "Task_PrepareExecutionPlan", plan());
        complete(instance, "Task_ConfirmServiceAgreement", agreement());
        for (String end : List.of("2018-09-30", "2018-12-31", "2019-03-31", "2019-06-30", "2019-09-30", "2019-12-31",
                "2020-03-31", "2020-06-30")) {
            reportQuarter(instance, OffsetDateTime.parse(LocalDate.parse(end).plusDays(2) + "T10:00:00+08:00").toInstant(),
                    figures);
        }
        return instance;
    }
}
