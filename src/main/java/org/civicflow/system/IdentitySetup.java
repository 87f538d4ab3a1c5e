package org.civicflow.system;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the role groups of SPEC §1 in every profile and grants each its baseline authorizations:
 * every role may use Tasklist (which filters each role reads is {@link TasklistFilters}' business); the bureau (which owns the rounds)
 * and the street (which watches its contracts) may use Cockpit; the bureau may read every process, start
 * instances and work on every task, but not administer jobs or instances; providers may start applications
 * and the procurement agency tenders. Finer per-instance grants are made as instances start.
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
        bureauProcessGrants();
        authorizations.grantGroup(Groups.BUREAU, Resources.TASK, ANY, Permissions.ALL);
        authorizations.grantGroup(Groups.BUREAU, Resources.DECISION_DEFINITION, ANY, Permissions.READ,
                Permissions.READ_HISTORY);
        authorizations.grantGroup(Groups.BUREAU, Resources.DEPLOYMENT, ANY, Permissions.READ);
        // providers apply (projectApplication), the procurement agency runs tenders (tenderProcurement)
        startable(Groups.PROVIDER, "projectApplication");
        startable(Groups.AGENCY, "tenderProcurement");
    }

    /**
     * The bureau reads every process and its history, starts instances and works on every task; an instance's
     * variables are written by its tasks' forms (VariableInputGuardFilter), directly only by administrators. It does not
     * administer the engine: earlier versions granted it ALL on every process definition and instance, which
     * includes executing a job before it is due (opening sealed bids early), moving a timer's due date, setting
     * retries, suspending instances and jobs, modifying, migrating or deleting instances, deleting history.
     * Those are for administrators (camunda-admin, whose job operations {@link JobOperationGuardFilter} logs);
     * grants left by earlier versions are taken back here.
     */
    private void bureauProcessGrants() {
        authorizations.revokeGroup(Groups.BUREAU, Resources.PROCESS_DEFINITION, ANY, Permissions.ALL);
        authorizations.revokeGroup(Groups.BUREAU, Resources.PROCESS_INSTANCE, ANY, Permissions.ALL);
        authorizations.revokeGroup(Groups.BUREAU, Resources.PROCESS_DEFINITION, ANY, BUREAU_MAY_NOT_ON_DEFINITIONS);
        authorizations.revokeGroup(Groups.BUREAU, Resources.PROCESS_INSTANCE, ANY, BUREAU_MAY_NOT_ON_INSTANCES);
        authorizations.grantGroup(Groups.BUREAU, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_HISTORY, ProcessDefinitionPermissions.READ_INSTANCE,
                ProcessDefinitionPermissions.READ_TASK, ProcessDefinitionPermissions.CREATE_INSTANCE);
        authorizations.grantGroup(Groups.BUREAU, Resources.PROCESS_INSTANCE, ANY, ProcessInstancePermissions.READ,
                ProcessInstancePermissions.CREATE);
    }

    /** What executes, reschedules, retries or suspends jobs, or modifies, migrates or deletes instances and history. */
    static final Permission[] BUREAU_MAY_NOT_ON_DEFINITIONS = {ProcessDefinitionPermissions.UPDATE,
            ProcessDefinitionPermissions.DELETE, ProcessDefinitionPermissions.UPDATE_INSTANCE,
            ProcessDefinitionPermissions.DELETE_INSTANCE, ProcessDefinitionPermissions.RETRY_JOB,
            ProcessDefinitionPermissions.SUSPEND, ProcessDefinitionPermissions.SUSPEND_INSTANCE,
            ProcessDefinitionPermissions.MIGRATE_INSTANCE, ProcessDefinitionPermissions.UPDATE_INSTANCE_VARIABLE,
            ProcessDefinitionPermissions.DELETE_HISTORY, ProcessDefinitionPermissions.UPDATE_HISTORY};
    static final Permission[] BUREAU_MAY_NOT_ON_INSTANCES = {ProcessInstancePermissions.UPDATE,
            ProcessInstancePermissions.DELETE, ProcessInstancePermissions.RETRY_JOB, ProcessInstancePermissions.SUSPEND,
            ProcessInstancePermissions.UPDATE_VARIABLE};

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
