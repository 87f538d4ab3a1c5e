package org.civicflow.system;

import java.util.LinkedHashMap;
import java.util.List;
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

/**
 * Camunda's REST API reports any engine exception during a process start as 500 "Cannot instantiate
 * process definition". A start refused for bad variables is the client's error: answer 400 and name
 * every field, in Camunda's error format plus {@code errors}.
 */
@Configuration(proxyBeanMethods = false)
class EngineRestInputErrors {

    @Bean
    ResourceConfigCustomizer badProcessInputIsA400() {
        return config -> config.register(BadProcessInputMapper.class);
    }

    @Priority(Priorities.USER - 100)
    static class BadProcessInputMapper implements ExceptionMapper<RestException> {

        @Override
        public Response toResponse(RestException exception) {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof ProcessInput.InvalidProcessInputException invalid) {
                    Map<String, Object> body = new LinkedHashMap<>();
                    body.put("type", "InvalidProcessInputException");
                    body.put("message", invalid.getMessage());
                    List<Map<String, String>> errors = invalid.violations().stream()
                            .map(v -> Map.of("field", v.field(), "message", v.message())).toList();
                    body.put("errors", errors);
                    return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                            .entity(body).build();
                }
            }
            return ExceptionHandlerHelper.getInstance().getResponse(exception);
        }
    }
}
