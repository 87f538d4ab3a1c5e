package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.builder.ProcessBuilder;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every model in processes/ follows the conventions; the checker itself catches each kind of slip. */
class ModelConventionsTests {

    @TestFactory
    Stream<DynamicTest> everyShippedModelFollowsTheConventions() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList().stream()
                    .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () ->
                            assertThat(ModelConventions.violations(Bpmn.readModelFromFile(file.toFile())))
                                    .as(file.toString()).isEmpty()));
        }
    }

    private static ProcessBuilder process() {
        return Bpmn.createExecutableProcess("probe").name("探针").camundaHistoryTimeToLive(5479);
    }

    private static BpmnModelInstance good() {
        return process().startEvent("StartEvent_Submitted").name("申报已提交")
                .serviceTask("Task_CheckEligibility").name("审查申报资格").camundaDelegateExpression("${checkEligibilityDelegate}")
                .userTask("Task_ReviewApplication").name("评审申报材料").camundaCandidateGroups("expert")
                .camundaFormRef("review-application").camundaDueDate("${reviewDueAt}")
                .documentation("FS-10：评审申报材料。")
                .endEvent("EndEvent_Reviewed").name("评审已完成").done();
    }

    @Test
    void aWellFormedModelPasses() {
        assertThat(ModelConventions.violations(good())).isEmpty();
    }

    @Test
    void catchesModelerGeneratedIds() {
        BpmnModelInstance model = process().startEvent("StartEvent_Submitted").name("申报已提交")
                .serviceTask("Activity_0x1y2z3").name("审查").camundaDelegateExpression("${d}")
                .endEvent("Event_1abcd23").name("结束").done();
        assertThat(ModelConventions.violations(model))
                .anyMatch(v -> v.startsWith("Activity_0x1y2z3") && v.contains("Modeler-generated"))
                .anyMatch(v -> v.startsWith("Event_1abcd23") && v.contains("Modeler-generated"));
    }

    @Test
    void catchesIdsWithoutTheConventionalPrefix() {
        BpmnModelInstance model = process().startEvent("start").name("开始")
                .userTask("Review").name("评审").camundaCandidateGroups("expert").camundaFormRef("f")
                .endEvent("EndEvent_Done").name("结束").done();
        assertThat(ModelConventions.violations(model)).anyMatch(v -> v.startsWith("start:"))
                .anyMatch(v -> v.startsWith("Review:"));
    }

    @Test
    void catchesUserTasksWithoutCandidateGroupOrForm() {
        BpmnModelInstance model = process().startEvent("StartEvent_Submitted").name("申报已提交")
                .userTask("Task_NoGroup").name("无候选组").camundaFormRef("f")
                .userTask("Task_NoForm").name("无表单").camundaCandidateGroups("bureau")
                .endEvent("EndEvent_Done").name("结束").done();
        assertThat(ModelConventions.violations(model))
                .contains("Task_NoGroup: user task without candidate group", "Task_NoForm: user task without a form");
    }

    @Test
    void aUserTaskOfferedToCandidateUsersHasItsCandidates() {
        BpmnModelInstance model = process().startEvent("StartEvent_Submitted").name("申报已提交")
                .userTask("Task_EvaluateBids").name("评审投标文件").camundaCandidateUsers("${committee}")
                .camundaFormRef("evaluate-bids").camundaDueDate("${dueAt}").documentation("LAW-03：评标。")
                .endEvent("EndEvent_Done").name("结束").done();
        assertThat(ModelConventions.violations(model)).isEmpty();
    }

    @Test
    void catchesUserTasksWithoutDueDateOrDescription() {
        BpmnModelInstance model = process().startEvent("StartEvent_Submitted").name("申报已提交")
                .userTask("Task_NoDueDate").name("无期限").camundaCandidateGroups("bureau").camundaFormRef("f")
                .endEvent("EndEvent_Done").name("结束").done();
        assertThat(ModelConventions.violations(model)).contains("Task_NoDueDate: user task without a due date",
                "Task_NoDueDate: user task without documentation (Tasklist's description)");
    }

    @Test
    void catchesServiceTasksWithoutADelegate() {
        BpmnModelInstance model = process().startEvent("StartEvent_Submitted").name("申报已提交")
                .serviceTask("Task_Nothing").name("什么也不做")
                .endEvent("EndEvent_Done").name("结束").done();
        assertThat(ModelConventions.violations(model)).contains("Task_Nothing: service task without a delegate");
    }

    @Test
    void catchesHistoryKeptLessThanFifteenYearsLaw04() {
        BpmnModelInstance shortLived = Bpmn.createExecutableProcess("shortLived").camundaHistoryTimeToLive(180)
                .startEvent("StartEvent_Go").name("开始").endEvent("EndEvent_Done").name("结束").done();
        // the fluent builder always sets a time to live, so this one is plain XML
        BpmnModelInstance unset = Bpmn.readModelFromStream(new java.io.ByteArrayInputStream(("""
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
                  <process id="unset" isExecutable="true">
                    <startEvent id="StartEvent_Go" name="开始"/>
                  </process>
                </definitions>""").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        BpmnModelInstance fourteenYears = Bpmn.createExecutableProcess("fourteen").camundaHistoryTimeToLiveString("P5113D")
                .startEvent("StartEvent_Go").name("开始").endEvent("EndEvent_Done").name("结束").done();
        assertThat(ModelConventions.violations(shortLived)).anyMatch(v -> v.contains("under 15 years (LAW-04)"));
        assertThat(ModelConventions.violations(unset)).anyMatch(v -> v.contains("no historyTimeToLive"));
        assertThat(ModelConventions.violations(fourteenYears)).anyMatch(v -> v.contains("under 15 years"));
    }

    @Test
    void timersAreNamedAsTimers() {
        BpmnModelInstance model = process().startEvent("StartEvent_Go").name("开始")
                .intermediateCatchEvent("Event_Deadline").name("截止").timerWithDate("2020-02-08T00:00:00+08:00")
                .endEvent("EndEvent_Done").name("结束").done();
        assertThat(ModelConventions.violations(model)).anyMatch(v -> v.startsWith("Event_Deadline: id should read Timer_"));
    }
}
