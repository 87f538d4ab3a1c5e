package org.civicflow.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * A user logged in to Tasklist as a browser is: a session cookie and the XSRF token, for calls to the webapps' own
 * engine API ({@code /camunda/api/engine/engine/default/…}), which is what Tasklist and Cockpit call.
 */
public final class WebappSession {

    private final Api api;
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
            .cookieHandler(new CookieManager()).build();
    private String xsrf;

    private WebappSession(Api api) {
        this.api = api;
    }

    /** Logs {@code user} (password {@link TestUsers#PASSWORD}) in to Tasklist; fails unless the login succeeds. */
    public static WebappSession login(Api api, String user) {
        WebappSession session = new WebappSession(api);
        session.send(HttpRequest.newBuilder(URI.create(api.url("/camunda/app/tasklist/default/"))));
        HttpResponse<String> login = session.send(HttpRequest.newBuilder(
                        URI.create(api.url("/camunda/api/admin/auth/user/default/login/tasklist")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=" + TestUsers.PASSWORD,
                        StandardCharsets.UTF_8)));
        if (login.statusCode() != 200) {
            throw new IllegalStateException("login of " + user + " failed: " + login.statusCode() + " " + login.body());
        }
        // the login starts a new session: its XSRF token comes with the next page, as in a browser
        session.send(HttpRequest.newBuilder(URI.create(api.url("/camunda/app/tasklist/default/"))));
        return session;
    }

    /** A JSON request on the webapps' engine API below {@code /camunda/api/engine/engine/default}. */
    public Api.Response send(String method, String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url("/camunda/api/engine/engine/default" + path)))
                .header("Accept", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = send(request);
        return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                response.body(), response.headers());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        if (xsrf != null) {
            request.header("X-XSRF-TOKEN", xsrf);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            // the login starts a new session, with a token of its own
            response.headers().firstValue("X-XSRF-TOKEN").ifPresent(token -> xsrf = token);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
