package org.civicflow.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Camunda's REST API and webapps find "the default engine" in a static registry, and every Spring test
 * context registers its own engine there under that name. Before each test class, point the registry
 * at the engine of the context the class runs in, so HTTP calls reach the same database as the test.
 */
public class ActiveEngineListener implements TestExecutionListener {

    @Override
    public void beforeTestClass(TestContext testContext) {
        ProcessEngines.registerProcessEngine(testContext.getApplicationContext().getBean(ProcessEngine.class));
    }
}
