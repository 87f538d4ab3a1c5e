package org.civicflow.system;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the role groups of SPEC §1 in every profile and grants each its baseline authorizations:
 * every role may use Tasklist (which filters each role reads is {@link TasklistFilters}' business); the bureau (which owns the rounds)
 * and the street (which watches its contracts) may use Cockpit; the bureau may read and run every
 * process; providers may start applications and the procurement agency tenders. Finer per-instance grants are made as instances start.
 */
@Component
@Order(10)
class IdentitySetup implements ApplicationRunner {

    private final IdentityService identityService;
    private final Authorizations authorizations;

    IdentitySetup(IdentityService identityService, Authorizations authorizations) {
        this.identityService = identityService;
        this.authorizations = authorizations;
    }

    @Override
    public void run(ApplicationArguments args) {
        Groups.ROLES.forEach(this::ensureGroup);
        for (String role : Groups.ROLES.keySet()) {
            authorizations.grantGroup(role, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            // earlier versions let every role read every filter; now each filter is granted to the groups it is for
            authorizations.revokeGroup(role, Resources.FILTER, ANY, Permissions.READ);
        }
        authorizations.grantGroup(Groups.BUREAU, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        authorizations.grantGroup(Groups.STREET, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        authorizations.grantGroup(Groups.BUREAU, Resources.PROCESS_DEFINITION, ANY, Permissions.ALL);
        authorizations.grantGroup(Groups.BUREAU, Resources.PROCESS_INSTANCE, ANY, Permissions.ALL);
        authorizations.grantGroup(Groups.BUREAU, Resources.TASK, ANY, Permissions.ALL);
        authorizations.grantGroup(Groups.BUREAU, Resources.DECISION_DEFINITION, ANY, Permissions.READ,
                Permissions.READ_HISTORY);
        authorizations.grantGroup(Groups.BUREAU, Resources.DEPLOYMENT, ANY, Permissions.READ);
        // providers apply (projectApplication), the procurement agency runs tenders (tenderProcurement)
        startable(Groups.PROVIDER, "projectApplication");
        startable(Groups.AGENCY, "tenderProcurement");
    }

    private void startable(String group, String processDefinitionKey) {
        authorizations.grantGroup(group, Resources.PROCESS_DEFINITION, processDefinitionKey, Permissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE);
        authorizations.grantGroup(group, Resources.PROCESS_INSTANCE, ANY, Permissions.CREATE);
    }

    private void ensureGroup(String id, String name) {
        Group group = identityService.createGroupQuery().groupId(id).singleResult();
        if (group == null) {
            group = identityService.newGroup(id);
            group.setName(name);
            group.setType(Groups.ROLE_TYPE);
            identityService.saveGroup(group);
        }
    }
}
