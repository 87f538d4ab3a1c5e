package org.civicflow.support;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Task input as Tasklist and the REST API send the evaluation committee's fields: transient variables, which the
 * engine hands to the listeners but never persists (README "Tenders": the committee is confidential until the award).
 */
public final class TransientInput {

    private TransientInput() {
    }

    /** Texts as transient variables: name, value, name, value … */
    public static VariableMap texts(String... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("names and values come in pairs");
        }
        VariableMap variables = Variables.createVariables();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            variables.putValueTyped(namesAndValues[i], Variables.stringValue(namesAndValues[i + 1], true));
        }
        return variables;
    }

    /** The same for a map of texts (keeps its order). */
    public static VariableMap texts(java.util.Map<String, ?> values) {
        VariableMap variables = Variables.createVariables();
        values.forEach((name, value) -> variables.putValueTyped(name, Variables.stringValue((String) value, true)));
        return variables;
    }
}
