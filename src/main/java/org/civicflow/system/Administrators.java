package org.civicflow.system;

import java.util.function.Supplier;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.identity.Authentication;

/**
 * Who administers Camunda, asked of the engine without the caller's authentication: with one set,
 * the engine filters identity and authorization queries by the caller's grants and would
 * under-report administrators.
 */
class Administrators {

    /** Application ids whose ALL grant makes its holder an administrator. */
    static final String[] ADMIN_APPLICATIONS = {Authorization.ANY, "admin"};

    private final IdentityService identityService;
    private final AuthorizationService authorizationService;

    Administrators(IdentityService identityService, AuthorizationService authorizationService) {
        this.identityService = identityService;
        this.authorizationService = authorizationService;
    }

    /**
     * True when any user is a direct member of camunda-admin, or any user or group holds ALL on the
     * APPLICATION resource "*" or "admin" (a group's grant counts even when the group has no members).
     */
    boolean anyExist() {
        return withoutAuthentication(() -> identityService.createUserQuery().memberOfGroup(Groups.ADMIN).count() > 0
                || grantsAll(Authorization.AUTH_TYPE_GRANT) || grantsAll(Authorization.AUTH_TYPE_GLOBAL));
    }

    /** True when the user is a member of camunda-admin (looked up now, not from a cached session). */
    boolean isAdministrator(String userId) {
        if (userId == null || userId.isBlank()) {
            return false;
        }
        return withoutAuthentication(() ->
                identityService.createGroupQuery().groupMember(userId).groupId(Groups.ADMIN).count() > 0);
    }

    private boolean grantsAll(int authorizationType) {
        // revoke authorizations are left out: their permission bits mean the opposite
        for (String application : ADMIN_APPLICATIONS) {
            if (authorizationService.createAuthorizationQuery()
                    .authorizationType(authorizationType)
                    .resourceType(Resources.APPLICATION)
                    .resourceId(application)
                    .hasPermission(Permissions.ALL)
                    .count() > 0) {
                return true;
            }
        }
        return false;
    }

    private <T> T withoutAuthentication(Supplier<T> query) {
        Authentication current = identityService.getCurrentAuthentication();
        if (current == null) {
            return query.get();
        }
        identityService.clearAuthentication();
        try {
            return query.get();
        } finally {
            identityService.setAuthentication(current);
        }
    }
}
