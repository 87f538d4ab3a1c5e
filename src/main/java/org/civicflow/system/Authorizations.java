package org.civicflow.system;

import java.util.Arrays;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Resource;
import org.springframework.stereotype.Component;

/** Idempotent grants on Camunda's authorization service (re-running start-up adds nothing twice). */
@Component
public class Authorizations {

    private final AuthorizationService authorizationService;
    private final AsSystem asSystem;

    Authorizations(AuthorizationService authorizationService, AsSystem asSystem) {
        this.authorizationService = authorizationService;
        this.asSystem = asSystem;
    }

    /**
     * Lets an organization's (or role's) users see one process instance, running and finished, so that
     * Tasklist, Cockpit, the REST API and documents show it to them and to nobody else. Granted as the
     * system: the user who started the instance may not grant anything.
     */
    public void grantInstanceRead(String groupId, String processInstanceId) {
        grantRunningInstanceRead(groupId, processInstanceId);
        grantHistoricInstanceRead(groupId, processInstanceId);
    }

    /**
     * Read on the running instance only: its variables and documents, not its history (tasks with their
     * assignees and candidates, submitted form fields, the operation log). Granted as the system.
     */
    public void grantRunningInstanceRead(String groupId, String processInstanceId) {
        asSystem.run(() -> grantGroup(groupId, Resources.PROCESS_INSTANCE, processInstanceId, Permissions.READ));
    }

    /** Read on the instance's history, also once it has ended. Granted as the system. */
    public void grantHistoricInstanceRead(String groupId, String processInstanceId) {
        asSystem.run(() -> grantGroup(groupId, Resources.HISTORIC_PROCESS_INSTANCE, processInstanceId,
                HistoricProcessInstancePermissions.READ));
    }

    public void grantGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = groupGrant(groupId, resource, resourceId);
        if (authorization == null) {
            authorization = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
            authorization.setGroupId(groupId);
            authorization.setResource(resource);
            authorization.setResourceId(resourceId);
        }
        boolean changed = authorization.getId() == null;
        for (Permission permission : permissions) {
            if (!authorization.isPermissionGranted(permission)) {
                authorization.addPermission(permission);
                changed = true;
            }
        }
        if (changed) {
            authorizationService.saveAuthorization(authorization);
        }
    }

    /**
     * Takes permissions back from a group's grant (one made by an earlier version of this application);
     * the grant disappears once nothing is left in it. Nothing happens when the group never had them.
     */
    public void revokeGroup(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization authorization = groupGrant(groupId, resource, resourceId);
        if (authorization == null) {
            return;
        }
        boolean changed = false;
        for (Permission permission : permissions) {
            if (authorization.isPermissionGranted(permission)) {
                authorization.removePermission(permission);
                changed = true;
            }
        }
        if (!changed) {
            return;
        }
        boolean nothingLeft = Arrays.stream(Permissions.values())
                .filter(permission -> permission != Permissions.NONE)
                .noneMatch(authorization::isPermissionGranted);
        if (nothingLeft) {
            authorizationService.deleteAuthorization(authorization.getId());
        } else {
            authorizationService.saveAuthorization(authorization);
        }
    }

    private Authorization groupGrant(String groupId, Resource resource, String resourceId) {
        return authorizationService.createAuthorizationQuery()
                .authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(groupId)
                .resourceType(resource)
                .resourceId(resourceId)
                .singleResult();
    }
}
