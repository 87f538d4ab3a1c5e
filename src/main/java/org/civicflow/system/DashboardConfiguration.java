package org.civicflow.system;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The dashboard's own authentication: webapp session or HTTP Basic (see {@link DashboardAuthenticationFilter}). */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration {

    @Bean
    FilterRegistrationBean<DashboardAuthenticationFilter> dashboardAuthentication(IdentityService identityService,
                                                                                 PasswordCheck passwordCheck,
                                                                                 ProcessEngine processEngine) {
        FilterRegistrationBean<DashboardAuthenticationFilter> registration = new FilterRegistrationBean<>(
                new DashboardAuthenticationFilter(identityService, passwordCheck, processEngine.getName()));
        registration.setName("civicflow-dashboard-authentication");
        registration.addUrlPatterns("/dashboard", "/dashboard/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
