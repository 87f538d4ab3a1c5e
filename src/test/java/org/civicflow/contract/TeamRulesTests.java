package org.civicflow.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.ProcessEngineTests;
import org.civicflow.contract.ServiceContract.TeamMember;
import org.civicflow.contract.ServiceContract.TeamRole;
import org.civicflow.registry.Qualification;
import org.civicflow.registry.RegistryService;
import org.civicflow.registry.StaffData;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.ContractScenario;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.system.FieldViolation;
import org.civicflow.system.ProcessInput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SZ-05 through Task_RegisterServiceTeam: the proposed team is checked against the registry; a team that falls
 * short comes back to the provider naming the shortfall, and nothing is recorded as formed.
 *
 * <p>The pilot organization ({@link ContractScenario#pilotOrganization()}) has 员工0 (社会工作师), 员工1–4 (助理社会工作师),
 * 员工5–8 (no qualification) — all full-time, 3 years' experience, 2 years in community service, local — and a
 * part-time local 督导 (社会工作师, 苏州市见习督导).
 */
@CivicFlowTest
class TeamRulesTests {

    @Autowired
    ContractScenario scenario;
    @Autowired
    SuzhouScenario suzhou;
    @Autowired
    ContractService contracts;
    @Autowired
    RegistryService registry;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    ProcessEngine engine;

    String code;
    List<Long> staff;
    ProcessInstance instance;

    @BeforeEach
    void init() {
        ProcessEngineTests.init(engine);
        code = scenario.pilotOrganization();
        staff = scenario.staffIds(code);
        instance = scenario.startPilot(code);
        assertThat(instance).isWaitingAt("Task_RegisterServiceTeam");
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    // ---- helpers

    private static StaffData person(String name, boolean fullTime, Qualification qualification, boolean diploma,
                                    int experienceYears, int communityServiceYears, boolean local, boolean supervisorQualified) {
        return new StaffData(name, false, fullTime, fullTime ? 24 : 0, fullTime, qualification, diploma, experienceYears,
                communityServiceYears, local, supervisorQualified, false);
    }

    private long add(StaffData data) {
        return registry.addStaff(code, data);
    }

    private static String ids(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static Map<String, Object> team(List<Long> members, long manager, Long... supervisors) {
        Map<String, Object> team = new HashMap<>();
        team.put("teamStaffIds", ids(members));
        team.put("projectManagerStaffId", (int) manager);
        team.put("supervisorStaffIds", ids(Arrays.asList(supervisors)));
        return team;
    }

    private long supervisor() {
        return staff.get(9);
    }

    /** Completes the task with {@code team}; SZ-05 sends it back: a new task, the shortfall named, nothing recorded. */
    private String refused(Map<String, Object> team) {
        Task before = scenario.task(instance, "Task_RegisterServiceTeam");
        scenario.complete(instance, "Task_RegisterServiceTeam", team);

        Task again = scenario.task(instance, "Task_RegisterServiceTeam");
        assertThat(again).as("the task comes back to the provider").isNotNull();
        assertThat(again.getId()).isNotEqualTo(before.getId());
        assertThat(instance).isWaitingAt("Task_RegisterServiceTeam").hasNotPassed("EndEvent_TeamFormed");
        assertThat(runtimeService.getVariable(instance.getId(), "teamComplete")).isEqualTo(false);
        assertThat(runtimeService.getVariable(instance.getId(), "teamShortfalls")).isEqualTo("SZ-05");
        ServiceContract contract = contracts.contract(instance.getBusinessKey());
        assertThat(contract.getTeam()).isEmpty();
        assertThat(contract.getTeamFormedAt()).isNull();
        String text = (String) runtimeService.getVariable(instance.getId(), "teamShortfallText");
        assertThat(text.lines()).allSatisfy(line -> assertThat(line).startsWith("SZ-05："));
        return text;
    }

    private void assertFormed() {
        assertThat(instance).isWaitingAt("Task_PrepareExecutionPlan").hasPassed("EndEvent_TeamFormed");
        assertThat(runtimeService.getVariable(instance.getId(), "teamComplete")).isEqualTo(true);
        assertThat(runtimeService.getVariable(instance.getId(), "teamShortfallText")).isEqualTo("");
        assertThat(contracts.contract(instance.getBusinessKey()).getTeamFormedAt()).isNotNull();
    }

    // ---- the pass side

    @Test
    void sz05_nineFullTimeFiveProfessionalsAManagerAndALocalSupervisorFormTheTeam() {
        Instant now = OffsetDateTime.parse("2018-06-28T10:00:00+08:00").toInstant();
        FangshanScenario.clock(now);
        scenario.complete(instance, "Task_RegisterServiceTeam", team(staff.subList(0, 9), staff.get(0), supervisor()));

        assertFormed();
        ServiceContract contract = contracts.contract(instance.getBusinessKey());
        assertThat(contract.getTeamFormedAt()).isEqualTo(now);
        assertThat(contract.getTeam()).extracting(TeamMember::role).containsExactly(TeamRole.PROJECT_MANAGER,
                TeamRole.MEMBER, TeamRole.MEMBER, TeamRole.MEMBER, TeamRole.MEMBER, TeamRole.MEMBER, TeamRole.MEMBER,
                TeamRole.MEMBER, TeamRole.MEMBER, TeamRole.SUPERVISOR);
        assertThat(contract.getTeam()).extracting(TeamMember::staffId)
                .containsExactlyElementsOf(staff.subList(0, 10));
    }

    @Test
    void sz05_aRefusedTeamCanBeCorrectedAndThenPasses() {
        String text = refused(team(staff.subList(0, 8), staff.get(0), supervisor()));
        assertThat(text).contains("8人，不足9人");

        scenario.complete(instance, "Task_RegisterServiceTeam", team(staff.subList(0, 9), staff.get(0), supervisor()));
        assertFormed();
        assertThat(contracts.contract(instance.getBusinessKey()).getTeam()).hasSize(10);
    }

    @Test
    void sz05_theManagerCountsAsAMemberWhenNotListed() {
        // 员工1 … 员工8 listed, 员工0 as project manager only: still nine
        scenario.complete(instance, "Task_RegisterServiceTeam", team(staff.subList(1, 9), staff.get(0), supervisor()));
        assertFormed();
        assertThat(contracts.contract(instance.getBusinessKey()).getTeam()).hasSize(10);
    }

    @Test
    void sz05_twoSupervisorsOneOfThemLocalPass() {
        long outsider = add(person("外地督导", false, Qualification.SOCIAL_WORKER, true, 6, 3, false, true));
        scenario.complete(instance, "Task_RegisterServiceTeam", team(staff.subList(0, 9), staff.get(0), supervisor(), outsider));
        assertFormed();
    }

    @Test
    void sz05_supervisorWithDiplomaOrSocialWorkerAndThreeYearsPracticeQualifies() {
        long diploma = add(person("学历督导", false, null, true, 3, 3, true, false));
        long socialWorker = add(person("社工师督导", false, Qualification.SOCIAL_WORKER, false, 3, 3, true, false));
        scenario.complete(instance, "Task_RegisterServiceTeam", team(staff.subList(0, 9), staff.get(0), diploma, socialWorker));
        assertFormed();
    }

    // ---- the fail side, one requirement at a time

    @Test
    void sz05_fewerThanNineFullTimeStaffIsSentBackNamingTheShortfall() {
        String text = refused(team(staff.subList(0, 8), staff.get(0), supervisor()));
        assertThat(text).isEqualTo("SZ-05：团队全职员工（一年以上劳动合同并缴纳社保）8人，不足9人");
    }

    @Test
    void sz05_aPartTimeMemberDoesNotCountAsFullTime() {
        long partTime = add(person("兼职社工", false, Qualification.ASSISTANT_SOCIAL_WORKER, false, 3, 2, true, false));
        List<Long> members = new java.util.ArrayList<>(staff.subList(0, 8));
        members.add(partTime);
        String text = refused(team(members, staff.get(0), supervisor()));
        assertThat(text).isEqualTo("SZ-05：团队全职员工（一年以上劳动合同并缴纳社保）8人，不足9人");
    }

    @Test
    void sz05_fewerThanFiveProfessionalSocialWorkersIsSentBack() {
        long other = add(person("员工9", true, null, false, 3, 2, true, false));
        // 员工0–3 professional, 员工5–8 and 员工9 not: 4 professionals
        List<Long> members = List.of(staff.get(0), staff.get(1), staff.get(2), staff.get(3), staff.get(5), staff.get(6),
                staff.get(7), staff.get(8), other);
        String text = refused(team(members, staff.get(0), supervisor()));
        assertThat(text).isEqualTo("SZ-05：团队专业社工4人，不足5人");
    }

    @Test
    void sz05_projectManagerWhoIsNotAProfessionalSocialWorkerIsSentBack() {
        String text = refused(team(staff.subList(0, 9), staff.get(5), supervisor()));
        assertThat(text).isEqualTo("SZ-05：项目主管员工5不是专业社工");
    }

    @Test
    void sz05_projectManagerWithUnderTwoYearsIsSentBack() {
        long junior = add(person("新主管", true, Qualification.SOCIAL_WORKER, true, 1, 1, true, false));
        String text = refused(team(staff.subList(0, 9), junior, supervisor()));
        assertThat(text).isEqualTo("SZ-05：项目主管新主管工作经验1年，不足2年");
    }

    @Test
    void sz05_projectManagerWithExactlyTwoYearsPasses() {
        long manager = add(person("两年主管", true, Qualification.ASSISTANT_SOCIAL_WORKER, false, 2, 1, true, false));
        scenario.complete(instance, "Task_RegisterServiceTeam", team(staff.subList(0, 9), manager, supervisor()));
        assertFormed();
    }

    @Test
    void sz05_noSupervisorIsRefusedAsMissingInputNamingSupervisorStaffIds() {
        Map<String, Object> team = team(staff.subList(0, 9), staff.get(0));
        Task before = scenario.task(instance, "Task_RegisterServiceTeam");

        assertThatThrownBy(() -> scenario.complete(instance, "Task_RegisterServiceTeam", team))
                .isInstanceOf(ProcessInput.InvalidProcessInputException.class)
                .satisfies(e -> assertThat(((ProcessInput.InvalidProcessInputException) e).violations())
                        .extracting(FieldViolation::field).containsExactly("supervisorStaffIds"));
        assertThat(scenario.task(instance, "Task_RegisterServiceTeam").getId()).isEqualTo(before.getId());
        assertThat(contracts.contract(instance.getBusinessKey()).getTeam()).isEmpty();
    }

    @Test
    void sz05_projectManagerAsSupervisorIsSentBack() {
        String text = refused(team(staff.subList(0, 9), staff.get(0), staff.get(0)));
        assertThat(text).contains("SZ-05：项目主管不能兼任专业督导");
    }

    @Test
    void sz05_threeSupervisorsAreSentBack() {
        long second = add(person("督导二", false, Qualification.SOCIAL_WORKER, true, 5, 3, true, true));
        long third = add(person("督导三", false, Qualification.SOCIAL_WORKER, true, 5, 3, true, true));
        String text = refused(team(staff.subList(0, 9), staff.get(0), supervisor(), second, third));
        assertThat(text).isEqualTo("SZ-05：专业督导须为1至2人，现为3人");
    }

    @Test
    void sz05_noLocalSupervisorIsSentBack() {
        long outsider = add(person("外地督导", false, Qualification.SOCIAL_WORKER, true, 6, 3, false, true));
        String text = refused(team(staff.subList(0, 9), staff.get(0), outsider));
        assertThat(text).isEqualTo("SZ-05：专业督导中没有本土督导");
    }

    @Test
    void sz05_unqualifiedSupervisorIsSentBack() {
        // an 助理社会工作师 without diploma, not a 见习督导: no amount of practice qualifies
        long assistant = add(person("助理督导", false, Qualification.ASSISTANT_SOCIAL_WORKER, false, 10, 5, true, false));
        String text = refused(team(staff.subList(0, 9), staff.get(0), assistant));
        assertThat(text).isEqualTo("SZ-05：督导助理督导既非苏州市见习督导，也不具备社会工作专业学历或社会工作师资格加3年以上实务经验");
    }

    @Test
    void sz05_supervisorWithDiplomaButUnderThreeYearsPracticeIsSentBack() {
        long young = add(person("年轻督导", false, null, true, 2, 2, true, false));
        String text = refused(team(staff.subList(0, 9), staff.get(0), young));
        assertThat(text).contains("SZ-05：督导年轻督导既非苏州市见习督导").contains("3年以上实务经验");
    }

    @Test
    void sz05_fewerThanFiveMembersWithCommunityServiceExperienceIsSentBack() {
        List<Long> members = new java.util.ArrayList<>(staff.subList(0, 4));
        for (int i = 0; i < 5; i++) {
            members.add(add(person("新员工" + i, true, i == 0 ? Qualification.ASSISTANT_SOCIAL_WORKER : null, false, 3, 0,
                    true, false)));
        }
        String text = refused(team(members, staff.get(0), supervisor()));
        assertThat(text).isEqualTo("SZ-05：具有一年以上社区服务经历的成员4人，不足5人");
    }

    @Test
    void sz05_staffOfAnotherOrganizationIsSentBackNamingTheId() {
        String other = suzhou.qualifiedBidder();
        long stranger = scenario.staffIds(other).get(1);
        List<Long> members = new java.util.ArrayList<>(staff.subList(0, 9));
        members.add(stranger);
        String text = refused(team(members, staff.get(0), supervisor()));
        assertThat(text).isEqualTo("SZ-05：登记编号 " + stranger + " 不是" + registry.view(code).name() + "登记的工作人员");
    }

    @Test
    void sz05_staffOfAnotherOrganizationDoesNotCountTowardsTheNine() {
        String other = suzhou.qualifiedBidder();
        long stranger = scenario.staffIds(other).get(1);
        List<Long> members = new java.util.ArrayList<>(staff.subList(0, 8));
        members.add(stranger);
        String text = refused(team(members, staff.get(0), supervisor()));
        assertThat(text.lines()).containsExactly(
                "SZ-05：登记编号 " + stranger + " 不是" + registry.view(code).name() + "登记的工作人员",
                "SZ-05：团队全职员工（一年以上劳动合同并缴纳社保）8人，不足9人");
    }

    @Test
    void sz05_everyShortfallIsNamedAtOnce() {
        String text = refused(team(staff.subList(5, 9), staff.get(5), staff.get(5)));
        assertThat(text.lines()).containsExactly(
                "SZ-05：团队全职员工（一年以上劳动合同并缴纳社保）4人，不足9人",
                "SZ-05：团队专业社工0人，不足5人",
                "SZ-05：项目主管员工5不是专业社工",
                "SZ-05：项目主管不能兼任专业督导",
                "SZ-05：督导员工5既非苏州市见习督导，也不具备社会工作专业学历或社会工作师资格加3年以上实务经验",
                "SZ-05：具有一年以上社区服务经历的成员4人，不足5人");
    }

    // ---- malformed input: a 400, the same task stays

    @Test
    void sz05_nonNumericStaffIdsAreRefusedNamingTeamStaffIdsAndTheTaskStays() {
        Task before = scenario.task(instance, "Task_RegisterServiceTeam");
        Map<String, Object> team = team(staff.subList(0, 9), staff.get(0), supervisor());
        team.put("teamStaffIds", staff.get(0) + ",张三," + staff.get(1));

        assertThatThrownBy(() -> scenario.complete(instance, "Task_RegisterServiceTeam", team))
                .isInstanceOf(ProcessInput.InvalidProcessInputException.class)
                .hasMessageContaining("teamStaffIds").hasMessageContaining("张三")
                .satisfies(e -> assertThat(((ProcessInput.InvalidProcessInputException) e).violations())
                        .extracting(FieldViolation::field).containsExactly("teamStaffIds"));

        assertThat(scenario.task(instance, "Task_RegisterServiceTeam").getId()).isEqualTo(before.getId());
        assertThat(runtimeService.getVariable(instance.getId(), "teamComplete")).isNull();
        assertThat(contracts.contract(instance.getBusinessKey()).getTeam()).isEmpty();
    }

    @Test
    void sz05_malformedManagerAndSupervisorsAreRefusedNamingEachField() {
        Map<String, Object> team = team(staff.subList(0, 9), staff.get(0), supervisor());
        team.put("projectManagerStaffId", "主管");
        team.put("supervisorStaffIds", "x1");

        assertThatThrownBy(() -> scenario.complete(instance, "Task_RegisterServiceTeam", team))
                .isInstanceOf(ProcessInput.InvalidProcessInputException.class)
                .satisfies(e -> assertThat(((ProcessInput.InvalidProcessInputException) e).violations())
                        .extracting(FieldViolation::field)
                        .containsExactlyInAnyOrder("projectManagerStaffId", "supervisorStaffIds"));
        assertThat(instance).isWaitingAt("Task_RegisterServiceTeam");
    }

    @Test
    void sz05_emptyTeamIsRefusedNamingTeamStaffIds() {
        Map<String, Object> team = team(List.of(), staff.get(0), supervisor());
        assertThatThrownBy(() -> scenario.complete(instance, "Task_RegisterServiceTeam", team))
                .isInstanceOf(ProcessInput.InvalidProcessInputException.class)
                .satisfies(e -> assertThat(((ProcessInput.InvalidProcessInputException) e).violations())
                        .extracting(FieldViolation::field).containsExactly("teamStaffIds"));
    }
}
