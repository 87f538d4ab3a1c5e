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
 * Created after the engine is built, when Camunda has created or upgraded its tables (schema-update),
 * so the order of Flyway and Camunda at start-up does not matter. The same SQL runs on H2 and PostgreSQL.
 */
@Component
class JobDueDateIndex extends AbstractProcessEnginePlugin {

    static final String NAME = "CF_IDX_JOB_DUEDATE";
    static final String TABLE = "ACT_RU_JOB";

    private static final Logger LOG = LoggerFactory.getLogger(JobDueDateIndex.class);

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
        DataSource dataSource = ((ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration())
                .getDataSource();
        try (Connection connection = dataSource.getConnection()) {
            if (exists(connection)) {
                return;
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("create index if not exists " + NAME + " on " + TABLE + " (DUEDATE_)");
            }
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
            LOG.info("Created index {} on {}(DUEDATE_) for job acquisition by due date", NAME, TABLE);
        } catch (SQLException e) {
            // another node starting at the same moment may have won the race; the index only speeds up
            // acquisition, so a failure must not keep the engine from starting
            LOG.warn("Could not create index {} on {}(DUEDATE_); job acquisition works without it, only slower",
                    NAME, TABLE, e);
        }
    }

    /** Whether the index exists, asked through JDBC metadata (H2 keeps names in upper case, PostgreSQL in lower). */
    static boolean exists(Connection connection) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        for (String table : new String[] {TABLE, TABLE.toLowerCase(Locale.ROOT)}) {
            try (ResultSet indexes = metaData.getIndexInfo(null, null, table, false, false)) {
                while (indexes.next()) {
                    if (NAME.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
