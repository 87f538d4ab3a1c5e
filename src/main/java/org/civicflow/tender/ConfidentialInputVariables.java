package org.civicflow.tender;

import java.util.Set;

import org.civicflow.system.ConfidentialVariables;
import org.springframework.stereotype.Component;

/**
 * The evaluation committee's input ({@link ConfidentialInput}) never enters tenderProcurement's variable history.
 * Tasklist and the REST API send it transient, which never reaches the history; a variable sent without the
 * transient flag (Java API) would, before the listener removes it. What the committee decided is kept in the tender
 * record ({@code tender}, {@code evaluation_committee_member}) for LAW-04.
 */
@Component
class ConfidentialInputVariables implements ConfidentialVariables {

    @Override
    public String processDefinitionKey() {
        return ConfidentialInput.PROCESS_DEFINITION_KEY;
    }

    @Override
    public Set<String> names() {
        return ConfidentialInput.NEVER_IN_VARIABLE_HISTORY;
    }
}
