package org.civicflow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * No anonymous REST: Camunda's engine REST API ({@code /engine-rest}) and CivicFlow's own API
 * ({@code /api}) both require HTTP Basic against Camunda's identity service. The webapps
 * (Tasklist, Cockpit, Admin) keep their own session login. Every password check goes through
 * {@link PasswordCheck} and its {@link LoginThrottle} (the webapps' login: {@link LoginThrottleFilter}).
 */
@Configuration(proxyBeanMethods = false)
class RestSecurityConfiguration {

    /** Every password check of the HTTP entry points goes through this one throttle (per node). */
    @Bean
    LoginThrottle loginThrottle() {
        return new LoginThrottle(LoginThrottle.Limits.DEFAULT);
    }

    @Bean
    PasswordCheck passwordCheck(IdentityService identityService, LoginThrottle loginThrottle, ObjectMapper objectMapper) {
        return new PasswordCheck(identityService, loginThrottle, objectMapper);
    }

    @Bean
    FilterRegistrationBean<EngineRestAuthenticationFilter> engineRestAuthentication(PasswordCheck passwordCheck) {
        FilterRegistrationBean<EngineRestAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new EngineRestAuthenticationFilter(passwordCheck));
        registration.setName("civicflow-engine-rest-authentication");
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthentication(IdentityService identityService,
                                                                     ObjectMapper objectMapper,
                                                                     PasswordCheck passwordCheck) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiAuthenticationFilter(identityService, objectMapper, passwordCheck));
        registration.setName("civicflow-api-authentication");
        registration.addUrlPatterns("/api/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    /**
     * Camunda's own password checks (webapp login, identity/verify). After the engine REST authentication, so a
     * verify request there is authenticated before its body is read; before Camunda's webapp filters, which come
     * after all FilterRegistrationBeans (see WebappHardeningConfiguration).
     */
    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(
            PasswordCheck passwordCheck, ObjectMapper objectMapper, CamundaBpmProperties camunda,
            @Value("${spring.jersey.application-path:/engine-rest}") String engineRestPath) {
        FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(new LoginThrottleFilter(
                passwordCheck, objectMapper, engineRestPath, camunda.getWebapp().getApplicationPath()));
        registration.setName("civicflow-login-throttle");
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
        return registration;
    }
}
