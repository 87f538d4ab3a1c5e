package org.civicflow.documents;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;

/** The process instance a document belongs to; its definition key decides who may read it. */
public record ProcessRef(String processInstanceId, String processDefinitionKey, String businessKey) {

    public static ProcessRef of(DelegateExecution execution) {
        // the cached definition entity: no repository query, so no authorization check on the way
        String key = ((ExecutionEntity) execution).getProcessDefinition().getKey();
        return new ProcessRef(execution.getProcessInstanceId(), key, execution.getProcessBusinessKey());
    }
}
