package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.civicflow.system.JobDueDateIndexTests.indexedColumns;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.civicflow.support.CivicFlowPostgresTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** JobDueDateIndexTests on PostgreSQL, where Camunda's tables and the index names are lower case. */
@CivicFlowPostgresTest
class JobDueDateIndexPostgresTests {

    @Autowired
    DataSource dataSource;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ProcessEngine processEngine;
    @Autowired
    JobDueDateIndex jobDueDateIndex;

    @Test
    void theJobTableIsIndexedOnItsDueDate() throws SQLException {
        assertThat(indexedColumns(dataSource)).containsExactly("DUEDATE_");
        assertThat(jdbc.queryForObject("select indexdef from pg_indexes where indexname = 'cf_idx_job_duedate'",
                String.class)).containsIgnoringCase("on public.act_ru_job").containsIgnoringCase("(duedate_)");
    }

    @Test
    void aSecondStartFindsTheIndexAndLeavesItAsItIs() throws SQLException {
        jobDueDateIndex.postProcessEngineBuild(processEngine);

        assertThat(indexedColumns(dataSource)).containsExactly("DUEDATE_");
    }
}
