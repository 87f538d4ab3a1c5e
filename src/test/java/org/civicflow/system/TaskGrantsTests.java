package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Per-task grants are written only where they give a group something: the bureau, which holds every task
 * permission on every task, gets none and still sees and works its tasks (running and finished); groups that
 * see their tasks only through those grants (street, a group with a partial wildcard grant) keep them, and
 * groups not named on a task still do not see it.
 */
@CivicFlowTest
class TaskGrantsTests {

    static final String KEY = "taskGrantsProbe";
    static final String PARTIAL = "taskgrantspartial";

    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    TaskService taskService;
    @Autowired
    HistoryService historyService;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    Authorizations authorizations;
    @Autowired
    TestUsers users;

    String deploymentId;

    @BeforeEach
    void deploy() {
        deploymentId = repositoryService.createDeployment().name("task grants probe")
                .addModelInstance(KEY + ".bpmn", Bpmn.createExecutableProcess(KEY).camundaHistoryTimeToLive(5479)
                        .startEvent()
                        .userTask("Task_Probe").name("办理测试任务").camundaCandidateGroups("${candidateGroups}")
                        .endEvent().done())
                .deploy().getId();
        users.create("grantsbureau", Groups.BUREAU);
        users.create("grantsstreet", Groups.STREET);
        users.create("grantscommunity", Groups.COMMUNITY);
    }

    @AfterEach
    void undeploy() {
        identityService.clearAuthentication();
        repositoryService.deleteDeployment(deploymentId, true);
        authorizationService.createAuthorizationQuery().groupIdIn(PARTIAL).list()
                .forEach(a -> authorizationService.deleteAuthorization(a.getId()));
        if (identityService.createGroupQuery().groupId(PARTIAL).count() > 0) {
            identityService.deleteGroup(PARTIAL);
        }
    }

    @Test
    void theBureauGetsNoPerTaskGrantsYetSeesClaimsAndCompletesItsTask() {
        Task task = start(Groups.BUREAU + "," + Groups.STREET);

        assertThat(grants(Groups.BUREAU, Resources.TASK, task.getId())).as("covered by TASK *").isZero();
        assertThat(grants(Groups.BUREAU, Resources.HISTORIC_TASK, task.getId())).as("covered by READ_HISTORY *").isZero();
        assertThat(grants(Groups.STREET, Resources.TASK, task.getId())).as("the street's only way to its task").isOne();
        assertThat(grants(Groups.STREET, Resources.HISTORIC_TASK, task.getId())).isOne();

        as("grantsbureau", Groups.BUREAU);
        assertThat(taskService.createTaskQuery().taskCandidateGroup(Groups.BUREAU).processDefinitionKey(KEY).list())
                .extracting(Task::getId).containsExactly(task.getId());
        taskService.claim(task.getId(), "grantsbureau");
        taskService.complete(task.getId());
        assertThat(historyService.createHistoricTaskInstanceQuery().taskId(task.getId()).count())
                .as("the bureau reads the finished task's history").isOne();
    }

    @Test
    void theStreetSeesItsTaskThroughItsGrantAndAnotherGroupDoesNot() {
        Task task = start(Groups.STREET);

        as("grantsstreet", Groups.STREET);
        assertThat(taskService.createTaskQuery().processDefinitionKey(KEY).list()).extracting(Task::getId)
                .containsExactly(task.getId());
        as("grantscommunity", Groups.COMMUNITY);
        assertThat(taskService.createTaskQuery().processDefinitionKey(KEY).count()).isZero();
        assertThatThrownBy(() -> taskService.claim(task.getId(), "grantscommunity"))
                .isInstanceOf(AuthorizationException.class);
        identityService.clearAuthentication();

        taskService.complete(task.getId());
        as("grantsstreet", Groups.STREET);
        assertThat(historyService.createHistoricTaskInstanceQuery().taskId(task.getId()).count()).isOne();
        as("grantscommunity", Groups.COMMUNITY);
        assertThat(historyService.createHistoricTaskInstanceQuery().taskId(task.getId()).count()).isZero();
    }

    @Test
    void aGroupThatMayOnlyReadEveryTaskStillGetsItsPerTaskGrants() {
        identityService.saveGroup(identityService.newGroup(PARTIAL));
        authorizations.grantGroup(PARTIAL, Resources.TASK, Authorization.ANY, Permissions.READ);

        Task task = start(PARTIAL);

        Authorization grant = authorizationService.createAuthorizationQuery().groupIdIn(PARTIAL)
                .resourceType(Resources.TASK).resourceId(task.getId()).singleResult();
        assertThat(grant).as("READ on every task does not cover TASK_WORK on this one").isNotNull();
        assertThat(grant.isPermissionGranted(org.camunda.bpm.engine.authorization.TaskPermissions.TASK_WORK)).isTrue();
        assertThat(grants(PARTIAL, Resources.HISTORIC_TASK, task.getId())).isOne();
    }

    private Task start(String candidateGroups) {
        String instanceId = runtimeService.startProcessInstanceByKey(KEY,
                Map.of("candidateGroups", candidateGroups)).getId();
        return taskService.createTaskQuery().processInstanceId(instanceId).singleResult();
    }

    private long grants(String groupId, Resource resource, String resourceId) {
        return authorizationService.createAuthorizationQuery().groupIdIn(groupId).resourceType(resource)
                .resourceId(resourceId).count();
    }

    private void as(String userId, String groupId) {
        identityService.setAuthentication(userId, List.of(groupId));
    }
}
