package org.civicflow.documents;

import java.util.List;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.HistoricProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.civicflow.system.CurrentUser;
import org.springframework.stereotype.Component;

/**
 * A document may be read by whoever may see its process instance in Camunda: read on the running
 * instance or on the historic one, or instance/history read on its process definition. The decision
 * is Camunda's authorization service's, so the webapps, the engine REST API and documents agree.
 */
@Component
class DocumentAccess {

    private final AuthorizationService authorizationService;
    private final CurrentUser currentUser;

    DocumentAccess(AuthorizationService authorizationService, CurrentUser currentUser) {
        this.authorizationService = authorizationService;
        this.currentUser = currentUser;
    }

    boolean maySee(ArchivedDocument document) {
        if (currentUser.isAdministrator()) {
            return true;
        }
        return authorized(Permissions.READ, Resources.PROCESS_INSTANCE, document.getProcessInstanceId())
                || authorized(HistoricProcessInstancePermissions.READ, Resources.HISTORIC_PROCESS_INSTANCE,
                        document.getProcessInstanceId())
                || authorized(ProcessDefinitionPermissions.READ_INSTANCE, Resources.PROCESS_DEFINITION,
                        document.getProcessDefinitionKey())
                || authorized(ProcessDefinitionPermissions.READ_HISTORY, Resources.PROCESS_DEFINITION,
                        document.getProcessDefinitionKey());
    }

    private boolean authorized(Permission permission, Resource resource, String resourceId) {
        String userId = currentUser.userId();
        List<String> groups = currentUser.groupIds();
        return authorizationService.isUserAuthorized(userId, groups, permission, resource, resourceId);
    }
}
