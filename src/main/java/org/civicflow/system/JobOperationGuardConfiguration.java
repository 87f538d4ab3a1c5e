package org.civicflow.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers {@link JobOperationGuardFilter} on every path (it matches normalized engine API paths itself). */
@Configuration(proxyBeanMethods = false)
class JobOperationGuardConfiguration {

    /** After the engine REST authentication (HIGHEST_PRECEDENCE + 10): a Basic user here has a checked password. */
    static final int JOB_OPERATION_GUARD_ORDER = Ordered.HIGHEST_PRECEDENCE + 22;

    @Bean
    FilterRegistrationBean<JobOperationGuardFilter> jobOperationGuard(
            CamundaBpmProperties camunda, Administrators administrators, IdentityService identityService,
            ManagementService managementService, AsSystem asSystem, ObjectMapper objectMapper,
            @Value("${spring.jersey.application-path:/engine-rest}") String engineRestPath) {
        FilterRegistrationBean<JobOperationGuardFilter> registration = new FilterRegistrationBean<>(
                new JobOperationGuardFilter(engineRestPath, camunda.getWebapp().getApplicationPath(), administrators,
                        identityService, managementService, asSystem, objectMapper));
        registration.setName("civicflow-job-operation-guard");
        registration.addUrlPatterns("/*");
        registration.setOrder(JOB_OPERATION_GUARD_ORDER);
        return registration;
    }
}
