package org.civicflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.core.env.Environment;

/** A small HTTP client for the running test application: raw bodies in, status and JSON out. */
@TestComponent
public class Api {

    private final Environment environment;
    private final ObjectMapper objectMapper = new ObjectMapper();
    private final HttpClient client = HttpClient.newHttpClient();

    Api(Environment environment) {
        this.environment = environment;
    }

    public record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {

        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        /** The fields named in a problem's {@code errors}. */
        public java.util.List<String> errorFields() {
            java.util.List<String> fields = new java.util.ArrayList<>();
            json().path("errors").forEach(e -> fields.add(e.path("field").asText()));
            return fields;
        }
    }

    /** Requests as {@code userId} with {@code password}; {@code userId} null sends no credentials. */
    public Caller as(String userId, String password) {
        return new Caller(userId, password);
    }

    public Caller as(String userId) {
        return as(userId, TestUsers.PASSWORD);
    }

    public Caller anonymous() {
        return as(null, null);
    }

    public String url(String path) {
        return "http://localhost:" + environment.getProperty("local.server.port") + path;
    }

    /** Camunda REST's typed variables: {"name": {"value": …, "type": "Boolean" | "Integer" | "String"}}. */
    public static Map<String, Object> typed(Map<String, Object> variables) {
        Map<String, Object> typed = new LinkedHashMap<>();
        variables.forEach((name, value) -> typed.put(name, Map.of("value", value,
                "type", value instanceof Boolean ? "Boolean" : value instanceof Integer ? "Integer" : "String")));
        return typed;
    }

    public String toJson(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public final class Caller {
        private final String userId;
        private final String password;

        private Caller(String userId, String password) {
            this.userId = userId;
            this.password = password;
        }

        public Response get(String path) {
            return send("GET", path, null);
        }

        public Response put(String path, Object body) {
            return send("PUT", path, body);
        }

        public Response post(String path, Object body) {
            return send("POST", path, body);
        }

        /** @param body a String is sent as it is (for malformed JSON); anything else is serialized */
        public Response send(String method, String path, Object body) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path)))
                    .header("Accept", "application/json, application/problem+json, text/html");
            if (userId != null) {
                String token = Base64.getEncoder().encodeToString((userId + ":" + password).getBytes(StandardCharsets.UTF_8));
                request.header("Authorization", "Basic " + token);
            }
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                String text = body instanceof String s ? s : toJson(body);
                request.header("Content-Type", "application/json");
                request.method(method, HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
            }
            try {
                HttpResponse<String> response = client.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                return new Response(response.statusCode(),
                        response.headers().firstValue("Content-Type").orElse(""), response.body(), response.headers());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
