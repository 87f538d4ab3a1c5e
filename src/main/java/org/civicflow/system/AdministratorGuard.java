package org.civicflow.system;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Profiles;

/**
 * The postgres profile is the real deployment: it has no default administrator, so it refuses to
 * start unless CIVICFLOW_ADMIN_USER and CIVICFLOW_ADMIN_PASSWORD are set, and never with the demo
 * password. Checked on the environment, before the engine could create a user from an unresolved
 * placeholder.
 */
class AdministratorGuard implements EnvironmentPostProcessor, Ordered {

    static final int MIN_PASSWORD_LENGTH = 12;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.acceptsProfiles(Profiles.of("postgres"))) {
            return;
        }
        String userId = environment.getProperty("CIVICFLOW_ADMIN_USER", "").strip();
        String password = environment.getProperty("CIVICFLOW_ADMIN_PASSWORD", "");
        if (userId.isEmpty() || password.isBlank()) {
            throw new IllegalStateException("The postgres profile needs CIVICFLOW_ADMIN_USER and "
                    + "CIVICFLOW_ADMIN_PASSWORD: there is no default administrator.");
        }
        if (password.length() < MIN_PASSWORD_LENGTH || password.equals(userId) || password.equals("demo")) {
            throw new IllegalStateException("CIVICFLOW_ADMIN_PASSWORD must have at least " + MIN_PASSWORD_LENGTH
                    + " characters and differ from the user name and the demo password.");
        }
    }

    @Override
    public int getOrder() {
        // after Spring Boot's config data processing, so profiles set in files count too
        return Ordered.LOWEST_PRECEDENCE;
    }
}
