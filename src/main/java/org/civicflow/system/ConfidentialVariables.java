package org.civicflow.system;

import java.util.Set;

/**
 * Variables of one process that never enter Camunda's history, whichever way they arrive: a module's confidential
 * task input (the forms send it transient; a Java API caller may not). {@link ConfidentialHistory} drops their
 * history events, as it drops the people of confidential tasks.
 */
public interface ConfidentialVariables {

    String processDefinitionKey();

    Set<String> names();
}
