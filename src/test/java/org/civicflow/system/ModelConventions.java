package org.civicflow.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.BusinessRuleTask;
import org.camunda.bpm.model.bpmn.instance.CallActivity;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Gateway;
import org.camunda.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SendTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Task;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.model.bpmn.instance.UserTask;

/**
 * CivicFlow's modelling conventions, checked on every shipped BPMN model:
 * readable ids with the SPEC's prefixes (never Modeler-generated ones), user tasks with a candidate
 * group (or candidate users, or an assignee), a Camunda Form, a due date and a description, service tasks with an implementation, and a history time
 * to live of at least 15 years (LAW-04).
 */
public final class ModelConventions {

    /** LAW-04: procurement files are kept at least 15 years (leap days included). */
    public static final Duration MIN_HISTORY_TIME_TO_LIVE = Duration.ofDays(15 * 365 + 4);

    /** What the Modeler generates: a type prefix and 7 random lower-case letters or digits. */
    private static final Pattern GENERATED = Pattern.compile("^[A-Za-z]+_[0-9a-z]{7}$");
    private static final Pattern READABLE = Pattern.compile("^[A-Z][A-Za-z0-9]*$");

    private ModelConventions() {
    }

    public static List<String> violations(BpmnModelInstance model) {
        List<String> violations = new ArrayList<>();
        for (Process process : model.getModelElementsByType(Process.class)) {
            checkProcess(process, violations);
        }
        for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
            checkId(node, expectedPrefix(node), violations);
            if (node instanceof UserTask task) {
                checkUserTask(task, violations);
            } else if (node instanceof ServiceTask || node instanceof SendTask) {
                checkImplemented((Task) node, violations);
            } else if (node instanceof BusinessRuleTask task && task.getCamundaDecisionRef() == null
                    && task.getCamundaDelegateExpression() == null && task.getCamundaClass() == null) {
                violations.add(node.getId() + ": business rule task without decisionRef or delegate");
            }
        }
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            if (element.getId() != null && GENERATED.matcher(element.getId()).matches()) {
                violations.add(element.getId() + ": Modeler-generated id; name it after what it is");
            }
        }
        return violations;
    }

    private static void checkProcess(Process process, List<String> violations) {
        if (!process.isExecutable()) {
            return;
        }
        String ttl = process.getCamundaHistoryTimeToLiveString();
        if (ttl == null || ttl.isBlank()) {
            violations.add(process.getId() + ": no historyTimeToLive (LAW-04 needs at least 15 years)");
            return;
        }
        Duration duration;
        try {
            duration = ttl.startsWith("P") ? Duration.parse(ttl) : Duration.ofDays(Long.parseLong(ttl));
        } catch (RuntimeException e) {
            violations.add(process.getId() + ": historyTimeToLive '" + ttl + "' is not a number of days");
            return;
        }
        if (duration.compareTo(MIN_HISTORY_TIME_TO_LIVE) < 0) {
            violations.add(process.getId() + ": historyTimeToLive " + ttl + " is under 15 years (LAW-04)");
        }
    }

    private static String expectedPrefix(FlowNode node) {
        if (node instanceof StartEvent) {
            return "StartEvent";
        }
        if (node instanceof EndEvent) {
            return "EndEvent";
        }
        if (node instanceof Gateway) {
            return "Gateway";
        }
        if ((node instanceof IntermediateCatchEvent || node instanceof BoundaryEvent)
                && !node.getChildElementsByType(TimerEventDefinition.class).isEmpty()) {
            return "Timer";
        }
        if (node instanceof Task || node instanceof CallActivity || node instanceof SubProcess) {
            return "Task";
        }
        return "Event";
    }

    private static void checkId(FlowNode node, String prefix, List<String> violations) {
        String id = node.getId();
        String expected = prefix + "_";
        if (!id.startsWith(expected) || !READABLE.matcher(id.substring(expected.length())).matches()) {
            violations.add(id + ": id should read " + expected + "<Name> (e.g. " + expected + "ReviewApplication)");
        }
        if (node.getName() == null || node.getName().isBlank()) {
            if (!(node instanceof Gateway && node.getOutgoing().size() <= 1)) {
                violations.add(id + ": no name (users see names in Tasklist and Cockpit)");
            }
        }
    }

    private static void checkUserTask(UserTask task, List<String> violations) {
        // candidate users: a task offered to named members of a group (Task_EvaluateBids: the committee's experts)
        if (isBlank(task.getCamundaCandidateGroups()) && isBlank(task.getCamundaCandidateUsers())
                && isBlank(task.getCamundaAssignee())) {
            violations.add(task.getId() + ": user task without candidate group");
        }
        String formRef = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "formRef");
        if (isBlank(formRef) && isBlank(task.getCamundaFormKey())) {
            violations.add(task.getId() + ": user task without a form");
        }
        // Tasklist shows every task's due date and its description (the documentation, naming the rule)
        if (isBlank(task.getCamundaDueDate())) {
            violations.add(task.getId() + ": user task without a due date");
        }
        if (task.getDocumentations().isEmpty() || task.getDocumentations().iterator().next().getTextContent().isBlank()) {
            violations.add(task.getId() + ": user task without documentation (Tasklist's description)");
        }
    }

    private static void checkImplemented(Task task, List<String> violations) {
        String delegate = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "delegateExpression");
        String javaClass = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "class");
        String expression = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "expression");
        String type = task.getAttributeValueNs("http://camunda.org/schema/1.0/bpmn", "type");
        if (isBlank(delegate) && isBlank(javaClass) && isBlank(expression) && isBlank(type)) {
            violations.add(task.getId() + ": service task without a delegate");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

}
