package org.civicflow.system;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Candidates and assignees now get TASK_WORK on their tasks (application.yaml, defaultUserPermissionNameForTask)
 * instead of Camunda's default UPDATE, which also let them move a task's due date, add candidate groups or
 * delegate it. Tasks opened before that change still carry per-task UPDATE grants: at start-up they are turned
 * into TASK_WORK. Wildcard grants ({@code *}, the bureau's) are left as they are.
 */
@Component
class TaskWorkGrants {

    private static final Logger LOG = LoggerFactory.getLogger(TaskWorkGrants.class);

    private final AuthorizationService authorizationService;
    private final AsSystem asSystem;

    TaskWorkGrants(AuthorizationService authorizationService, AsSystem asSystem) {
        this.authorizationService = authorizationService;
        this.asSystem = asSystem;
    }

    @EventListener(ApplicationStartedEvent.class)
    void narrowOldTaskGrants() {
        asSystem.run(() -> {
            List<Authorization> grants = authorizationService.createAuthorizationQuery()
                    .authorizationType(Authorization.AUTH_TYPE_GRANT).resourceType(Resources.TASK)
                    .hasPermission(Permissions.UPDATE).list();
            int narrowed = 0;
            for (Authorization grant : grants) {
                // wildcard grants are the bureau's; ALL is what Camunda gives the creator of a standalone task
                if (Authorization.ANY.equals(grant.getResourceId()) || grant.isEveryPermissionGranted()) {
                    continue;
                }
                grant.removePermission(Permissions.UPDATE);
                grant.addPermission(TaskPermissions.TASK_WORK);
                authorizationService.saveAuthorization(grant);
                narrowed++;
            }
            if (narrowed > 0) {
                LOG.info("Turned {} per-task UPDATE grants into TASK_WORK", narrowed);
            }
        });
    }
}
