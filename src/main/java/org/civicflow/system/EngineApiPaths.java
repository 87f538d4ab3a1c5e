package org.civicflow.system;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;

/**
 * Where a request lands on one of the two ways into the engine: the engine REST API ({@code /engine-rest/…}, also
 * {@code /engine-rest/engine/{name}/…}) and the webapps' engine API ({@code /camunda/api/engine/engine/{name}/…}),
 * over every normalized spelling of its path ({@link RequestPaths}), for the guards in front of both.
 */
final class EngineApiPaths {

    /**
     * One spelling of the request's path on an engine API.
     *
     * @param segments   the path below the engine (e.g. {@code task, 1, complete}), as written
     * @param webapp     on the webapps' engine API, whose login is a session per engine
     * @param engineName the engine named in the path; null for the engine REST API's default engine
     */
    record Target(List<String> segments, boolean webapp, String engineName) {
    }

    private final String engineRestPath;
    private final String webappEnginePath;

    /**
     * @param engineRestPath the engine REST API's path ({@code /engine-rest})
     * @param webappPath     the webapps' application path ({@code /camunda})
     */
    EngineApiPaths(String engineRestPath, String webappPath) {
        this.engineRestPath = RequestPaths.normalize(engineRestPath);
        this.webappEnginePath = RequestPaths.normalize(webappPath + "/api/engine/engine");
    }

    List<Target> targets(HttpServletRequest request) {
        List<Target> targets = new ArrayList<>();
        for (String path : RequestPaths.candidates(request)) {
            if (RequestPaths.isAtOrBelow(path, engineRestPath)) {
                List<String> rest = RequestPaths.segmentsBelow(path, engineRestPath);
                // the engine REST API also serves /engine/{name}/...
                if (rest.size() >= 2 && rest.get(0).equalsIgnoreCase("engine")) {
                    targets.add(new Target(rest.subList(2, rest.size()), false, rest.get(1)));
                } else {
                    targets.add(new Target(rest, false, null));
                }
            } else if (RequestPaths.isAtOrBelow(path, webappEnginePath)) {
                List<String> rest = RequestPaths.segmentsBelow(path, webappEnginePath);
                if (!rest.isEmpty()) {
                    targets.add(new Target(rest.subList(1, rest.size()), true, rest.get(0)));
                }
            }
        }
        return targets;
    }

    /**
     * The user asking. Engine REST ({@code webappEngine} null): the Basic user, once Camunda's
     * ProcessEngineAuthenticationFilter (ordered before the guards) has checked the password and set the engine
     * authentication, which must name the same user. Webapps: Camunda's AuthenticationFilter runs after the guards
     * (the starter registers the webapp filters after all FilterRegistrationBeans), so the login is read from the
     * HTTP session, for the engine in the path.
     */
    static String userOf(HttpServletRequest request, String webappEngine, IdentityService identityService) {
        if (webappEngine != null) {
            return webappUser(request, webappEngine);
        }
        String basicUser = BasicCredentials.parse(request.getHeader("Authorization")).map(BasicCredentials::userId)
                .orElse(null);
        org.camunda.bpm.engine.impl.identity.Authentication engine = identityService.getCurrentAuthentication();
        if (basicUser == null || engine == null || !basicUser.equals(engine.getUserId())) {
            return null;
        }
        return basicUser;
    }

    /** The user logged into the webapps for {@code engineName} in this request's session, or null. */
    static String webappUser(HttpServletRequest request, String engineName) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Authentication login = AuthenticationUtil.getAuthsFromSession(session).getAuthenticationForProcessEngine(engineName);
        return login == null ? null : login.getIdentityId();
    }
}
