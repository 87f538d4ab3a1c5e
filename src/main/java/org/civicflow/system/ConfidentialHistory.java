package org.civicflow.system;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricFormPropertyEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricIdentityLinkLogEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricTaskInstanceEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.event.UserOperationLogEntryEventEntity;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.HistoricTaskInstanceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * User tasks whose model marks them {@code <camunda:property name="confidential" value="true"/>} (the experts'
 * reviews, the tender committee's evaluation) keep who works on them out of Camunda's history: whoever may read an
 * instance — the applicant its application, every provider a tender — may read its whole history through
 * Camunda's historic instance permissions, including each task's assignee, its candidate users, the task's own
 * variables and the operation log's user. For these tasks the history keeps the task but not the person: assignee
 * and owner are left out of the historic task and activity, identity links and task-local variable updates are not
 * written, and the operation log names no user. No identity link log names its assigner (for the links the model
 * makes, that is whoever's step created the task — after the reviews, the last expert), and no submitted form field is
 * kept as a form-field detail: a form's fields are history as variables already, except the transient ones, which are
 * submitted precisely so that history does not keep them. Modules name further variables that never enter the
 * history ({@link ConfidentialVariables}). The business records (review panel, committee) keep who did what,
 * for the bureau and audits (LAW-04).
 */
@Component
class ConfidentialHistory extends AbstractProcessEnginePlugin {

    /** The extension property that marks a task confidential, and the activity property the parser sets from it. */
    static final String PROPERTY = "confidential";

    private final List<ConfidentialVariables> variables;

    ConfidentialHistory(List<ConfidentialVariables> variables) {
        this.variables = List.copyOf(variables);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.getCustomPreBPMNParseListeners() == null) {
            configuration.setCustomPreBPMNParseListeners(new ArrayList<>());
        }
        configuration.getCustomPreBPMNParseListeners().add(new MarkConfidentialTasks());
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new Handler(configuration.getHistoryEventHandler(), variables));
    }

    /** Copies the model's {@code confidential} extension property onto the parsed activity. */
    static final class MarkConfidentialTasks extends AbstractBpmnParseListener {

        @Override
        public void parseUserTask(Element userTask, ScopeImpl scope, ActivityImpl activity) {
            Element extensions = userTask.element("extensionElements");
            Element properties = extensions == null ? null
                    : extensions.elementNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "properties");
            if (properties == null) {
                return;
            }
            for (Element property : properties.elementsNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "property")) {
                if (PROPERTY.equals(property.attribute("name")) && "true".equals(property.attribute("value"))) {
                    activity.setProperty(PROPERTY, Boolean.TRUE);
                }
            }
        }
    }

    /** Writes history through the engine's handler, without the people of confidential tasks. */
    static final class Handler implements HistoryEventHandler {

        /** Operation-log properties whose values are users. */
        private static final java.util.Set<String> PEOPLE = java.util.Set.of("assignee", "owner", "delegation",
                "userId", "candidateUser");

        private final HistoryEventHandler delegate;
        private final List<ConfidentialVariables> variables;

        Handler(HistoryEventHandler delegate, List<ConfidentialVariables> variables) {
            this.delegate = delegate;
            this.variables = variables;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (keep(event)) {
                delegate.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            List<HistoryEvent> kept = new ArrayList<>(events.size());
            for (HistoryEvent event : events) {
                if (keep(event)) {
                    kept.add(event);
                }
            }
            if (!kept.isEmpty()) {
                delegate.handleEvents(kept);
            }
        }

        /** False for an event that must not be written; anonymizes the ones that are. */
        boolean keep(HistoryEvent event) {
            if (event instanceof HistoricFormPropertyEventEntity) {
                // Camunda's copy of every submitted form field: what a form's fields hold is already history as
                // variables, except the transient ones (scores, committees), which must stay out of history
                return false;
            }
            if (event instanceof HistoricTaskInstanceEventEntity task) {
                if (confidential(task.getProcessDefinitionId(), task.getTaskDefinitionKey())) {
                    task.setAssignee(null);
                    task.setOwner(null);
                }
                return true;
            }
            if (event instanceof HistoricActivityInstanceEventEntity activity) {
                if (confidential(activity.getProcessDefinitionId(), activity.getActivityId())) {
                    activity.setTaskAssignee(null);
                }
                return true;
            }
            if (event instanceof HistoricIdentityLinkLogEventEntity link) {
                // the assigner of a link the model makes is whoever's step created the task: for the task after a
                // review, the last expert. Links a person adds by hand are in the operation log with their user.
                link.setAssignerId(null);
                return !confidentialTask(link.getTaskId());
            }
            if (event instanceof HistoricVariableUpdateEventEntity variable) {
                return !confidentialTask(variable.getTaskId()) && !declared(variable);
            }
            if (event instanceof UserOperationLogEntryEventEntity entry && confidentialTask(entry.getTaskId())) {
                entry.setUserId(null);
                // an assignment's entry names the people as its old and new values
                if (PEOPLE.contains(entry.getProperty())) {
                    entry.setOrgValue(null);
                    entry.setNewValue(null);
                }
            }
            return true;
        }

        private boolean declared(HistoricVariableUpdateEventEntity variable) {
            String key = variable.getProcessDefinitionKey();
            String id = variable.getProcessDefinitionId();
            return variables.stream().anyMatch(declared -> declared.names().contains(variable.getVariableName())
                    && (declared.processDefinitionKey().equals(key)
                    || key == null && id != null && id.startsWith(declared.processDefinitionKey() + ":")));
        }

        static boolean confidential(String processDefinitionId, String activityId) {
            if (processDefinitionId == null || activityId == null) {
                return false;
            }
            // the user whose step writes this history may not hold READ on the definition (an expert, a street)
            CommandContext context = Context.getCommandContext();
            ProcessDefinitionEntity definition = context.runWithoutAuthorization(() -> Context
                    .getProcessEngineConfiguration().getDeploymentCache().findDeployedProcessDefinitionById(processDefinitionId));
            ActivityImpl activity = definition == null ? null : definition.findActivity(activityId);
            return activity != null && Boolean.TRUE.equals(activity.getProperty(PROPERTY));
        }

        /** Whether the task (running, or already in history) is one of a confidential user task. */
        static boolean confidentialTask(String taskId) {
            CommandContext context = taskId == null ? null : Context.getCommandContext();
            if (context == null) {
                return false;
            }
            TaskEntity task = context.runWithoutAuthorization(() -> context.getTaskManager().findTaskById(taskId));
            if (task != null) {
                return confidential(task.getProcessDefinitionId(), task.getTaskDefinitionKey());
            }
            HistoricTaskInstanceEntity historic = context.runWithoutAuthorization(() ->
                    context.getHistoricTaskInstanceManager().findHistoricTaskInstanceById(taskId));
            return historic != null && confidential(historic.getProcessDefinitionId(), historic.getTaskDefinitionKey());
        }
    }
}
