package org.civicflow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Actuator without Spring Security: health and info are public (status only, no details), every
 * other endpoint is for Camunda administrators (see {@link ActuatorSecurityFilter}). The filter sees
 * every request so that no URL spelling reaches the endpoints unchecked; it guards the application
 * port only, so do not move Actuator to a separate {@code management.server.port}.
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfiguration {

    @Bean
    FilterRegistrationBean<ActuatorSecurityFilter> actuatorSecurity(
            IdentityService identityService, ObjectMapper objectMapper, PasswordCheck passwordCheck,
            @Value("${spring.mvc.servlet.path:}") String servletPath,
            @Value("${management.endpoints.web.base-path:/actuator}") String basePath) {
        String prefix = trimSlash(servletPath) + trimSlash(basePath);
        FilterRegistrationBean<ActuatorSecurityFilter> registration = new FilterRegistrationBean<>(
                new ActuatorSecurityFilter(identityService, objectMapper, passwordCheck, prefix));
        registration.setName("civicflow-actuator-security");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /** "/x/" and "x" become "/x"; "/" and "" become "". */
    private static String trimSlash(String path) {
        String trimmed = path == null ? "" : path.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() || trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }
}
