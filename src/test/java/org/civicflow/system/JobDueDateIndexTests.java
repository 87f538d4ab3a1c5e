package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.civicflow.support.CivicFlowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * ACT_RU_JOB has the DUEDATE_ index that acquisition by due date wants, on a database whose Camunda
 * tables the engine created at start-up (H2 here, PostgreSQL in JobDueDateIndexPostgresTests).
 */
@CivicFlowTest
class JobDueDateIndexTests {

    @Autowired
    DataSource dataSource;
    @Autowired
    ProcessEngine processEngine;
    @Autowired
    JobDueDateIndex jobDueDateIndex;

    @Test
    void theJobTableIsIndexedOnItsDueDate() throws SQLException {
        assertThat(indexedColumns(dataSource)).containsExactly("DUEDATE_");
    }

    @Test
    void aSecondStartFindsTheIndexAndLeavesItAsItIs() throws SQLException {
        jobDueDateIndex.postProcessEngineBuild(processEngine);

        assertThat(indexedColumns(dataSource)).containsExactly("DUEDATE_");
    }

    /** The columns of {@link JobDueDateIndex#NAME}, upper case; empty when the index is missing. */
    static List<String> indexedColumns(DataSource dataSource) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            for (String table : new String[] {JobDueDateIndex.TABLE, JobDueDateIndex.TABLE.toLowerCase(Locale.ROOT)}) {
                try (ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, table, false, false)) {
                    while (indexes.next()) {
                        if (JobDueDateIndex.NAME.equalsIgnoreCase(indexes.getString("INDEX_NAME"))) {
                            columns.add(indexes.getString("COLUMN_NAME").toUpperCase(Locale.ROOT));
                        }
                    }
                }
            }
        }
        return columns;
    }
}
