package org.civicflow.tender;

import java.util.List;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps the evaluation committee's input ({@link ConfidentialInput}) of tenderProcurement out of Camunda's variable
 * history. Tasklist and the REST API send it transient (the forms mark it), which never reaches the history; a
 * variable sent without the transient flag (Java API) would reach the variable history before the listener removes
 * it, and is dropped here. (Submitted form fields, which the engine records whether transient or not, are dropped for
 * every process by {@code system.ConfidentialHistory}.) What the committee decided is kept in the tender record
 * ({@code tender}, {@code evaluation_committee_member}) for LAW-04.
 */
@Component
class ConfidentialInputHistory extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setHistoryEventHandler(new Filter(configuration.getHistoryEventHandler()));
    }

    static final class Filter implements HistoryEventHandler {

        private final HistoryEventHandler delegate;

        Filter(HistoryEventHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (!confidential(event)) {
                delegate.handleEvent(event);
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            delegate.handleEvents(events.stream().filter(e -> !confidential(e)).toList());
        }

        static boolean confidential(HistoryEvent event) {
            if (event instanceof HistoricVariableUpdateEventEntity variable) {
                return ofTender(event)
                        && ConfidentialInput.NEVER_IN_VARIABLE_HISTORY.contains(variable.getVariableName());
            }
            return false;
        }

        private static boolean ofTender(HistoryEvent event) {
            String key = event.getProcessDefinitionKey();
            if (key != null) {
                return key.equals(ConfidentialInput.PROCESS_DEFINITION_KEY);
            }
            String id = event.getProcessDefinitionId();
            return id != null && id.startsWith(ConfidentialInput.PROCESS_DEFINITION_KEY + ":");
        }
    }
}
