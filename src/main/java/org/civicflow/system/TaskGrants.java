package org.civicflow.system;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.authorization.HistoricTaskPermissions;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.authorization.TaskPermissions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Camunda writes a task grant (and, with historic instance permissions, a historic-task grant) for every
 * candidate group of every task. A group that already holds the same permissions on <em>every</em> task (the
 * bureau: {@code TASK *} and {@code PROCESS_DEFINITION *} in {@link IdentitySetup}) gains nothing from them,
 * but every task query of its users joins them, one row per open task: with 1,400 open bureau tasks that
 * join made Tasklist's 本组待办 take a second (README "Benchmarks", task_query). So such grants are not
 * written. The check reads the group's wildcard grants as they are when the task is created: a group whose
 * wildcard grant is revoked later sees the tasks created meanwhile only through the process definition.
 * Groups without wildcard grants (providers' org-{code}, street, community, evaluator, …) keep Camunda's
 * per-task grants: they are how those groups see their tasks and nothing else.
 */
@Component
class TaskGrants extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        configuration.setResourceAuthorizationProvider(new WildcardAwareProvider());
    }

    static final class WildcardAwareProvider extends DefaultAuthorizationProvider {

        @Override
        public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
            if (coveredByWildcardGrants(task, groupId)) {
                return null;
            }
            return super.newTaskGroupIdentityLink(task, groupId, type);
        }

        /** The group already holds, on every task, each permission Camunda's per-task grants would give it. */
        boolean coveredByWildcardGrants(Task task, String groupId) {
            ProcessEngineConfigurationImpl configuration = Context.getProcessEngineConfiguration();
            boolean variables = configuration.isEnforceSpecificVariablePermission();
            List<Permission> runtime = new ArrayList<>(List.of(Permissions.READ, getDefaultUserPermissionForTask()));
            if (variables) {
                runtime.add(TaskPermissions.READ_VARIABLE);
            }
            if (!grants(getGrantAuthorizationByGroupId(groupId, Resources.TASK, ANY), runtime)) {
                return false;
            }
            if (!configuration.isEnableHistoricInstancePermissions()) {
                return true;
            }
            List<Permission> historic = new ArrayList<>(List.of(HistoricTaskPermissions.READ));
            if (variables) {
                historic.add(HistoricTaskPermissions.READ_VARIABLE);
            }
            if (grants(getGrantAuthorizationByGroupId(groupId, Resources.HISTORIC_TASK, ANY), historic)) {
                return true;
            }
            // READ_HISTORY on every process definition reads the history of every process task as well
            return task.getProcessDefinitionId() != null
                    && grants(getGrantAuthorizationByGroupId(groupId, Resources.PROCESS_DEFINITION, ANY),
                            variables ? List.of(ProcessDefinitionPermissions.READ_HISTORY,
                                    ProcessDefinitionPermissions.READ_HISTORY_VARIABLE)
                                    : List.of(ProcessDefinitionPermissions.READ_HISTORY));
        }

        private static boolean grants(AuthorizationEntity authorization, List<Permission> permissions) {
            return authorization != null && permissions.stream().allMatch(authorization::isPermissionGranted);
        }
    }
}
