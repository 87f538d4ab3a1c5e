package org.civicflow.system;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The service task of {@code reliability/timer-side-effect.bpmn}: inserts one row per process instance,
 * naming the engine (node) that ran it, through the application's JdbcTemplate, so in the job's own
 * transaction (the starter runs the engine on the application's DataSource and transaction manager).
 * The table's primary key makes a second execution of the same timer fail instead of passing unseen.
 *
 * <p>With {@value #BLOCK_PROPERTY} set it then commits a marker in a separate transaction and blocks,
 * leaving the job's transaction open: a node to be killed in the middle of a job.
 */
class ReliabilityProbe implements JavaDelegate {

    static final String BLOCK_PROPERTY = "reliability.block-after-side-effect";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate separateTransaction;
    private final boolean block;

    ReliabilityProbe(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, Environment environment) {
        this.jdbc = jdbc;
        this.separateTransaction = new TransactionTemplate(transactionManager);
        this.separateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.block = environment.getProperty(BLOCK_PROPERTY, Boolean.class, false);
    }

    @Override
    public void execute(DelegateExecution execution) throws InterruptedException {
        String node = execution.getProcessEngine().getName();
        jdbc.update("insert into reliability_side_effect (process_instance_id, node) values (?, ?)",
                execution.getProcessInstanceId(), node);
        if (block) {
            separateTransaction.executeWithoutResult(status -> jdbc.update(
                    "insert into reliability_marker (process_instance_id, node) values (?, ?)",
                    execution.getProcessInstanceId(), node));
            // the test kills this JVM now; never reached otherwise
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
