package org.civicflow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.DispatcherType;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Guards in front of Camunda's webapps and engine REST API. Both filters map to every path and match
 * normalized paths themselves, so that a differently spelt path cannot slip past a servlet mapping.
 * Camunda's webapp starter adds its own filters (authentication, CSRF, ...) from a
 * ServletContextInitializer after all FilterRegistrationBeans, so any order here runs before them.
 */
@Configuration(proxyBeanMethods = false)
class WebappHardeningConfiguration {

    /** Before everything of ours and Camunda's: the setup must not be reachable at all. */
    static final int SETUP_GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 5;
    /**
     * After RestSecurityConfiguration's engine REST authentication (HIGHEST_PRECEDENCE + 10): a Basic
     * user reaching this filter has a checked password, so its group membership may be trusted.
     */
    static final int EXPRESSION_GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 20;
    /** After authentication too: a request without credentials is a 401 before its body is judged. */
    static final int VARIABLE_GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 25;

    @Bean
    Administrators administrators(IdentityService identityService, AuthorizationService authorizationService) {
        return new Administrators(identityService, authorizationService);
    }

    @Bean
    FilterRegistrationBean<AdminSetupGuardFilter> adminSetupGuard(CamundaBpmProperties camunda,
                                                                  Administrators administrators,
                                                                  ObjectMapper objectMapper) {
        FilterRegistrationBean<AdminSetupGuardFilter> registration = new FilterRegistrationBean<>(
                new AdminSetupGuardFilter(camunda.getWebapp().getApplicationPath(), administrators::anyExist,
                        objectMapper));
        registration.setName("civicflow-admin-setup-guard");
        registration.addUrlPatterns("/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.FORWARD, DispatcherType.INCLUDE);
        registration.setOrder(SETUP_GUARD_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ExpressionQueryGuardFilter> expressionQueryGuard(
            CamundaBpmProperties camunda, Administrators administrators, IdentityService identityService,
            ObjectMapper objectMapper, @Value("${spring.jersey.application-path:/engine-rest}") String engineRestPath) {
        FilterRegistrationBean<ExpressionQueryGuardFilter> registration = new FilterRegistrationBean<>(
                new ExpressionQueryGuardFilter(engineRestPath, camunda.getWebapp().getApplicationPath(), administrators,
                        identityService, objectMapper));
        registration.setName("civicflow-expression-query-guard");
        registration.addUrlPatterns("/*");
        registration.setOrder(EXPRESSION_GUARD_ORDER);
        return registration;
    }

    @Bean
    FilterRegistrationBean<VariableInputGuardFilter> variableInputGuard(
            CamundaBpmProperties camunda, ProcessEngine processEngine, ObjectMapper objectMapper, AsSystem asSystem,
            Administrators administrators, @Value("${spring.jersey.application-path:/engine-rest}") String engineRestPath) {
        FilterRegistrationBean<VariableInputGuardFilter> registration = new FilterRegistrationBean<>(
                new VariableInputGuardFilter(engineRestPath, camunda.getWebapp().getApplicationPath(), processEngine,
                        objectMapper, asSystem, administrators));
        registration.setName("civicflow-variable-input-guard");
        registration.addUrlPatterns("/*");
        registration.setOrder(VARIABLE_GUARD_ORDER);
        return registration;
    }
}
