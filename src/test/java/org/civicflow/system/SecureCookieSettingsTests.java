package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.spring.boot.starter.property.WebappProperty;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.web.server.Cookie.SameSite;
import org.springframework.boot.web.servlet.server.Session;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The postgres profile (the real deployment, over HTTPS) makes the webapps' cookies Secure, HttpOnly and
 * SameSite=Lax. Read from the YAML files as Spring Boot binds them, without starting PostgreSQL.
 */
class SecureCookieSettingsTests {

    private static Binder binder(String... files) throws IOException {
        MutablePropertySources sources = new MutablePropertySources();
        // later files override earlier ones, as a profile file overrides application.yaml
        for (String file : files) {
            List<PropertySource<?>> loaded = new ArrayList<>(new YamlPropertySourceLoader().load(file,
                    new ClassPathResource(file)));
            loaded.forEach(sources::addFirst);
        }
        return new Binder(ConfigurationPropertySources.from(sources));
    }

    private static Session session(Binder binder) {
        return binder.bind("server.servlet.session", Session.class).orElseGet(Session::new);
    }

    private static WebappProperty webapp(Binder binder) {
        return binder.bind("camunda.bpm.webapp", WebappProperty.class).orElseGet(WebappProperty::new);
    }

    @Test
    void thePostgresProfileMakesSessionCookiesSecureHttpOnlyAndLax() throws IOException {
        Session session = session(binder("application.yaml", "application-postgres.yaml"));

        assertThat(session.getCookie().getSecure()).isTrue();
        assertThat(session.getCookie().getHttpOnly()).isTrue();
        assertThat(session.getCookie().getSameSite()).isEqualTo(SameSite.LAX);
        assertThat(session.getTimeout()).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void thePostgresProfileFileAloneSetsTheCookieAttributes() throws IOException {
        Session session = session(binder("application-postgres.yaml"));

        assertThat(session.getCookie().getSecure()).isTrue();
        assertThat(session.getCookie().getHttpOnly()).isTrue();
        assertThat(session.getCookie().getSameSite()).isEqualTo(SameSite.LAX);
    }

    @Test
    void thePostgresProfileMakesCamundasSessionAndCsrfCookiesSecure() throws IOException {
        WebappProperty webapp = webapp(binder("application.yaml", "application-postgres.yaml"));

        assertThat(webapp.getSessionCookie().isEnableSecureCookie()).isTrue();
        assertThat(webapp.getSessionCookie().isEnableSameSiteCookie()).isTrue();
        assertThat(webapp.getCsrf().isEnableSecureCookie()).isTrue();
        assertThat(webapp.getCsrf().isEnableSameSiteCookie()).isTrue();
    }

    @Test
    void theDemoProfileRunsOverPlainHttpButHasTheSameTimeoutAndAttributes() throws IOException {
        Binder binder = binder("application.yaml");
        Session session = session(binder);

        assertThat(session.getCookie().getSecure()).isNotEqualTo(Boolean.TRUE);
        assertThat(session.getCookie().getHttpOnly()).isTrue();
        assertThat(session.getCookie().getSameSite()).isEqualTo(SameSite.LAX);
        assertThat(session.getTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(session.getTrackingModes()).containsExactly(Session.SessionTrackingMode.COOKIE);
        assertThat(webapp(binder).getCsrf().isEnableSecureCookie()).isFalse();
    }
}
