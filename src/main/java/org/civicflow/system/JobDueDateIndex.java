package org.civicflow.system;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The job executor acquires by due date (application.yaml), so its acquisition query filters and sorts
 * ACT_RU_JOB on DUEDATE_, which Camunda's own schema does not index; Camunda recommends adding one.
 * <p>
 * With timers first (jobExecutorPreferTimerJobs) the acquisition orders by {@code TYPE_ desc, DUEDATE_ asc},
 * which the DUEDATE_ index alone cannot deliver: PostgreSQL then reads and sorts every job for each batch
 * (54 ms per batch of 8 with 10,000 due timers, README "Benchmarks"). {@value #ACQUISITION_NAME} on
 * {@code (TYPE_ desc, DUEDATE_)} is that order, so an acquisition reads the first due jobs and stops.
 * Created after the engine is built, when Camunda has created or upgraded its tables (schema-update),
 * so the order of Flyway and Camunda at start-up does not matter. The same SQL runs on H2 and PostgreSQL.
 */
@Component
class JobDueDateIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "CF_IDX_JOB_DUEDATE";
    static final String TABLE = "ACT_RU_JOB";
    /** The index in the acquisition's order: timers first, then the oldest due date. */
    static final String ACQUISITION_NAME = "CF_IDX_JOB_ACQUISITION";

    private static final Logger LOG = LoggerFactory.getLogger(JobDueDateIndex.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        DataSource dataSource = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .getDataSource();
        create(dataSource, NAME, "DUEDATE_");
        create(dataSource, ACQUISITION_NAME, "TYPE_ desc, DUEDATE_");
    }

    private static void create(DataSource dataSource, String name, String columns) {
        try (Connection connection = dataSource.getConnection()) {
            if (exists(connection, name)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("create index if not exists " + name + " on " + TABLE + " (" + columns + ")");
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            LOG.info("Created index {} on {}({}) for job acquisition by due date", name, TABLE, columns);
        } catch (SQLException e) {
            // another node starting at the same moment may have won the race; the index only speeds up
            // acquisition, so a failure must not keep the engine from starting
            LOG.warn("Could not create index {} on {}({}); job acquisition works without it, only slower",
                    name, TABLE, columns, e);
        }
    }

    /** Whether the index exists, asked through JDBC metadata (H2 keeps names in upper case, PostgreSQL in lower). */
    static boolean exists(Connection connection) throws SQLException {
        return exists(connection, NAME);
    }

    static boolean exists(Connection connection, String name) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        for (String table : new String[] {TABLE, TABLE.toLowerCase(Locale.ROOT)}) {
            try (ResultSet indexes = metaData.getIndexInfo(null, null, table, false, false)) {
                while (indexes.next()) {
                    if (name.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
