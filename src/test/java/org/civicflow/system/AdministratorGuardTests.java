package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

/** The postgres profile has no default administrator and refuses to start without one. */
class AdministratorGuardTests {

    private final AdministratorGuard guard = new AdministratorGuard();

    private static MockEnvironment postgres() {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles("postgres");
        return environment;
    }

    @Test
    void refusesToStartThePostgresProfileWithoutAnAdministrator() {
        assertThatThrownBy(() -> guard.postProcessEnvironment(postgres(), new SpringApplication()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CIVICFLOW_ADMIN_USER").hasMessageContaining("CIVICFLOW_ADMIN_PASSWORD");
    }

    @Test
    void refusesAWeakOrDemoPassword() {
        for (String password : new String[] {"demo", "short", "operator-one"}) {
            MockEnvironment environment = postgres()
                    .withProperty("CIVICFLOW_ADMIN_USER", "operator-one")
                    .withProperty("CIVICFLOW_ADMIN_PASSWORD", password);
            assertThatThrownBy(() -> guard.postProcessEnvironment(environment, new SpringApplication()))
                    .as(password).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void startsWithAnAdministratorFromTheEnvironment() {
        MockEnvironment environment = postgres()
                .withProperty("CIVICFLOW_ADMIN_USER", "operator")
                .withProperty("CIVICFLOW_ADMIN_PASSWORD", "a-long-secret-phrase");
        assertThatCode(() -> guard.postProcessEnvironment(environment, new SpringApplication())).doesNotThrowAnyException();
    }

    @Test
    void leavesTheDemoProfileAlone() {
        assertThatCode(() -> guard.postProcessEnvironment(new MockEnvironment(), new SpringApplication()))
                .doesNotThrowAnyException();
    }

    @Test
    void theWholeApplicationRefusesToStartWithThePostgresProfileAndNoAdministrator() {
        SpringApplication application = new SpringApplication(org.civicflow.CivicFlowApplication.class);
        application.setAdditionalProfiles("postgres");
        // fails before any connection is attempted: no database is needed for this test
        assertThatThrownBy(() -> application.run("--spring.main.banner-mode=off"))
                .hasMessageContaining("CIVICFLOW_ADMIN_USER");
    }
}
