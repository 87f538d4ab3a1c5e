package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;

/** The shared Tasklist filters: made once, in Chinese, each seen by its groups, listing the right tasks. */
@CivicFlowTest
class TasklistFiltersTests {

    static final String ORG_A = "52110111MJ0000991A";
    static final String ORG_B = "52110111MJ0000992B";
    static final List<String> NAMES = List.of(TasklistFilters.MY_TASKS, TasklistFilters.GROUP_TASKS,
            TasklistFilters.ORGANIZATION_TASKS, TasklistFilters.OVERDUE, TasklistFilters.ALL_TASKS);

    @Autowired
    TasklistFilters tasklistFilters;
    @Autowired
    IdentitySetup identitySetup;
    @Autowired
    FilterService filterService;
    @Autowired
    TaskService taskService;
    @Autowired
    IdentityService identityService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    TestUsers users;
    @Autowired
    Api api;

    private final List<String> tasks = new ArrayList<>();

    @BeforeEach
    void users() {
        organizationGroup(ORG_A);
        organizationGroup(ORG_B);
        users.create("filterexpert", Groups.EXPERT);
        users.create("filterexpert2", Groups.EXPERT);
        users.create("filterbureau", Groups.BUREAU);
        users.create("filterprovidera", Groups.PROVIDER, Groups.organization(ORG_A));
        users.create("filterproviderb", Groups.PROVIDER, Groups.organization(ORG_B));
    }

    @AfterEach
    void deleteTasks() {
        tasks.forEach(id -> taskService.deleteTask(id, true));
    }

    @Test
    void filtersExistOnceInChineseAfterRestarts() {
        tasklistFilters.run(new DefaultApplicationArguments());
        tasklistFilters.run(new DefaultApplicationArguments());

        for (String name : NAMES) {
            List<Filter> filters = filterService.createFilterQuery().filterName(name).list();
            assertThat(filters).as(name).hasSize(1);
            Filter filter = filters.get(0);
            assertThat(filter.getResourceType()).isEqualTo("Task");
            assertThat(filter.getOwner()).isNull();
            Map<String, Object> properties = filter.getProperties();
            assertThat((String) properties.get("description")).containsPattern("\\p{IsHan}");
            assertThat(properties).containsEntry("refresh", true).containsKeys("priority", "color");
        }
        assertThat(priority(TasklistFilters.MY_TASKS)).isLessThan(priority(TasklistFilters.GROUP_TASKS));
        assertThat(priority(TasklistFilters.GROUP_TASKS)).isLessThan(priority(TasklistFilters.OVERDUE));

        // an extra copy left over (say, two nodes started at once) is cleaned up at the next start
        Filter copy = filterService.newTaskFilter(TasklistFilters.OVERDUE);
        copy.setQuery(taskService.createTaskQuery());
        filterService.saveFilter(copy);
        tasklistFilters.run(new DefaultApplicationArguments());
        assertThat(filterService.createFilterQuery().filterName(TasklistFilters.OVERDUE).count()).isOne();
    }

    @Test
    void eachGroupSeesItsFilters() {
        assertThat(visibleFilters("filterprovidera")).containsExactlyInAnyOrder(
                TasklistFilters.MY_TASKS, TasklistFilters.ORGANIZATION_TASKS, TasklistFilters.OVERDUE);
        assertThat(visibleFilters("filterexpert")).containsExactlyInAnyOrder(
                TasklistFilters.MY_TASKS, TasklistFilters.GROUP_TASKS, TasklistFilters.OVERDUE);
        assertThat(visibleFilters("filterbureau")).doesNotContain(TasklistFilters.ORGANIZATION_TASKS,
                TasklistFilters.ALL_TASKS);
        assertThat(visibleFilters("demo", "demo")).containsAll(NAMES);

        // running a filter one may not read is refused
        Api.Response refused = api.as("filterexpert").post("/engine-rest/filter/" + id(TasklistFilters.ORGANIZATION_TASKS)
                + "/count", Map.of());
        assertThat(refused.status()).isEqualTo(403);
    }

    @Test
    void identitySetupTakesBackTheOldReadOnEveryFilter() {
        Authorization old = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        old.setGroupId(Groups.EXPERT);
        old.setResource(Resources.FILTER);
        old.setResourceId(Authorization.ANY);
        old.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(old);
        assertThat(visibleFilters("filterexpert")).contains(TasklistFilters.ORGANIZATION_TASKS);

        identitySetup.run(new DefaultApplicationArguments());
        assertThat(authorizationService.createAuthorizationQuery().resourceType(Resources.FILTER)
                .resourceId(Authorization.ANY).groupIdIn(Groups.ROLES.keySet().toArray(String[]::new)).count()).isZero();
        assertThat(visibleFilters("filterexpert")).doesNotContain(TasklistFilters.ORGANIZATION_TASKS);
    }

    @Test
    void overdueListsOverdueTasksOfMineAndMyGroupsOnly() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        Date now = ClockUtil.getCurrentTime();
        Date yesterday = new Date(now.getTime() - 86_400_000L);
        Date tomorrow = new Date(now.getTime() + 86_400_000L);
        String overdueGroup = task("逾期评标-" + tag, yesterday, Groups.EXPERT, null);
        String overdueClaimedByColleague = task("逾期已认领-" + tag, yesterday, Groups.EXPERT, "filterexpert2");
        String overdueMine = task("逾期本人-" + tag, yesterday, null, "filterexpert");
        String future = task("未到期-" + tag, tomorrow, Groups.EXPERT, null);
        String otherGroup = task("他组逾期-" + tag, yesterday, Groups.BUREAU, null);

        assertThat(list("filterexpert", TasklistFilters.OVERDUE, tag))
                .containsExactlyInAnyOrder(overdueGroup, overdueClaimedByColleague, overdueMine)
                .doesNotContain(future, otherGroup);
        assertThat(list("filterbureau", TasklistFilters.OVERDUE, tag)).containsExactly(otherGroup);

        // 我的待办: assigned to me; 本组待办: my groups' unclaimed tasks, due or not
        assertThat(list("filterexpert", TasklistFilters.MY_TASKS, tag)).containsExactly(overdueMine);
        assertThat(list("filterexpert", TasklistFilters.GROUP_TASKS, tag)).containsExactlyInAnyOrder(overdueGroup, future);
    }

    @Test
    void organizationTasksAreTheOrganizationsOwn() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String ofA = task("季度报告A-" + tag, null, Groups.organization(ORG_A), null);
        String ofB = task("季度报告B-" + tag, null, Groups.organization(ORG_B), null);

        assertThat(list("filterprovidera", TasklistFilters.ORGANIZATION_TASKS, tag)).containsExactly(ofA);
        assertThat(list("filterproviderb", TasklistFilters.ORGANIZATION_TASKS, tag)).containsExactly(ofB);
    }

    private String task(String name, Date due, String candidateGroup, String assignee) {
        Task task = taskService.newTask();
        task.setName(name);
        task.setDueDate(due);
        taskService.saveTask(task);
        tasks.add(task.getId());
        if (candidateGroup != null) {
            taskService.addCandidateGroup(task.getId(), candidateGroup);
        }
        if (assignee != null) {
            taskService.setAssignee(task.getId(), assignee);
        }
        return task.getId();
    }

    /** The ids of the tasks, named with the tag, that the filter lists for the user (as Tasklist asks). */
    private List<String> list(String userId, String filterName, String tag) {
        Api.Response response = api.as(userId).post("/engine-rest/filter/" + id(filterName) + "/list",
                Map.of("nameLike", "%" + tag + "%"));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        response.json().forEach(task -> ids.add(task.path("id").asText()));
        return ids;
    }

    private List<String> visibleFilters(String userId) {
        return visibleFilters(userId, TestUsers.PASSWORD);
    }

    private List<String> visibleFilters(String userId, String password) {
        Api.Response response = api.as(userId, password).get("/engine-rest/filter?resourceType=Task");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        for (JsonNode filter : response.json()) {
            names.add(filter.path("name").asText());
        }
        return names;
    }

    private String id(String name) {
        return filterService.createFilterQuery().filterName(name).singleResult().getId();
    }

    private int priority(String name) {
        return ((Number) filterService.createFilterQuery().filterName(name).singleResult().getProperties().get("priority"))
                .intValue();
    }

    private void organizationGroup(String code) {
        if (identityService.createGroupQuery().groupId(Groups.organization(code)).count() == 0) {
            Group group = identityService.newGroup(Groups.organization(code));
            group.setName("测试机构 " + code);
            group.setType(Groups.ORGANIZATION_TYPE);
            identityService.saveGroup(group);
        }
    }
}
