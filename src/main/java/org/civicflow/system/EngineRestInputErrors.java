package org.civicflow.system;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.engine.rest.exception.RestException;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

/**
 * Camunda's REST API reports any engine exception during a process start as 500 "Cannot instantiate
 * process definition". A start refused for bad variables is the client's error: answer 400 and name
 * every field, as the rest of the API does ({@code application/problem+json} with {@code errors}), plus Camunda's
 * {@code message}, which its webapps show.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestInputErrors {

    @Bean
    ResourceConfigCustomizer badProcessInputIsA400() {
        return config -> config.register(BadProcessInputMapper.class);
    }

    static final MediaType PROBLEM_JSON = MediaType.valueOf("application/problem+json");

    @Priority(Priorities.USER - 100)
    static class BadProcessInputMapper implements ExceptionMapper<RestException> {

        @Override
        public Response toResponse(RestException exception) {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof ProcessInput.InvalidProcessInputException invalid) {
                    ProblemDetail problem = ProblemHandler.invalid(invalid.violations());
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("type", problem.getType().toString());
                    body.put("title", problem.getTitle());
                    body.put("status", problem.getStatus());
                    body.put("detail", problem.getDetail());
                    body.put("errors", problem.getProperties().get("errors"));
                    body.put("message", invalid.getMessage());
                    return Response.status(Response.Status.BAD_REQUEST).type(PROBLEM_JSON).entity(body).build();
                }
            }
            return ExceptionHandlerHelper.getInstance().getResponse(exception);
        }
    }
}
