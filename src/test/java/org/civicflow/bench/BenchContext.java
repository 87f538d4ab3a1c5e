package org.civicflow.bench;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.civicflow.support.EmbeddedPostgresInitializer;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.TestUsers;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application as shipped (history full, authorization on, the shipped job executor settings)
 * on a fresh database of the embedded PostgreSQL server (synchronous_commit=on), with the test profile
 * (no demo data; the job executor is off unless a benchmark turns it on). Unlike {@code @CivicFlowTest}
 * no process-test coverage is recorded: it listens to every activity and would slow the engine down.
 * Each benchmark closes its context afterwards.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "logging.level.root=warn",
        "logging.level.org.camunda.bpm.engine.jobexecutor=warn",
        // the starter logs every failed job at error; a benchmark asserts there are none
        "spring.main.banner-mode=off"})
@ActiveProfiles("test")
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
@Import({TestUsers.class, FangshanScenario.class})
@DirtiesContext
@interface BenchContext {
}
