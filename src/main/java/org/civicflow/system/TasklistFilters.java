package org.civicflow.system;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.EntityTypes;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The shared Tasklist filters, in Chinese, each readable by the groups it is for (camunda-admin reads
 * every filter through its ALL grant). Saved by the system at every start: a filter is found again by its
 * name among the filters without owner (those users save in Tasklist have one), brought up to date, and
 * extra copies are removed, so restarts never duplicate them.
 * <p>
 * The queries hold expressions ({@code ${currentUser()}}, {@code ${currentUserGroups()}}, {@code ${now()}})
 * that the engine evaluates for whoever runs the filter. They are stored through the Java API, which
 * {@link ExpressionQueryGuardFilter} (a servlet filter on the HTTP APIs) does not see; the engine itself
 * allows expressions in stored queries.
 */
@Component
@Order(15)
class TasklistFilters implements ApplicationRunner {

    static final String MY_TASKS = "我的待办";
    static final String GROUP_TASKS = "本组待办";
    static final String ORGANIZATION_TASKS = "本机构待办";
    static final String OVERDUE = "已逾期";
    static final String ALL_TASKS = "全部任务";

    /** Every role group but the providers, whose group tasks are their organization's. */
    static final Set<String> ROLES_BUT_PROVIDER = Groups.ROLES.keySet().stream()
            .filter(role -> !role.equals(Groups.PROVIDER)).collect(Collectors.toUnmodifiableSet());

    record Definition(String name, String description, int priority, String color, Set<String> groups,
                      Supplier<TaskQuery> query) {

        Map<String, Object> properties() {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("description", description);
            properties.put("priority", priority);
            properties.put("color", color);
            properties.put("refresh", true);
            return properties;
        }
    }

    private final FilterService filterService;
    private final TaskService taskService;
    private final Authorizations authorizations;

    TasklistFilters(FilterService filterService, TaskService taskService, Authorizations authorizations) {
        this.filterService = filterService;
        this.taskService = taskService;
        this.authorizations = authorizations;
    }

    List<Definition> definitions() {
        return List.of(
                new Definition(MY_TASKS, "分配给我本人的任务", 10, "#1f6fb2", Groups.ROLES.keySet(),
                        () -> taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}")),
                // candidate tasks nobody has claimed yet: what the group still has to pick up, and what is offered to
                // the user by name (an evaluation committee's experts: Task_EvaluateBids); a candidate user query
                // also matches the user's groups
                new Definition(GROUP_TASKS, "本组可认领、尚未分配给个人的任务", 20, "#2e8b57", ROLES_BUT_PROVIDER,
                        () -> taskService.createTaskQuery().taskCandidateUserExpression("${currentUser()}")),
                // provider users are in provider and org-{code}: the organization's tasks
                new Definition(ORGANIZATION_TASKS, "本机构可认领、尚未分配给个人的任务", 20, "#2e8b57",
                        Set.of(Groups.PROVIDER),
                        () -> taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")),
                // past the due date: mine, or my groups' whether claimed by a colleague or not
                new Definition(OVERDUE, "已超过办理期限、分配给我或本组（本机构）的任务", 30, "#c0392b",
                        Groups.ROLES.keySet(),
                        () -> taskService.createTaskQuery().dueBeforeExpression("${now()}")
                                .or()
                                .taskAssigneeExpression("${currentUser()}")
                                .taskCandidateGroupInExpression("${currentUserGroups()}")
                                .includeAssignedTasks()
                                .endOr()),
                new Definition(ALL_TASKS, "所有任务（仅管理员）", 90, "#7f8c8d", Set.of(Groups.ADMIN),
                        taskService::createTaskQuery));
    }

    @Override
    public void run(ApplicationArguments args) {
        definitions().forEach(this::ensure);
    }

    /** Creates or updates one filter and makes its READ grants exactly the definition's role groups. */
    Filter ensure(Definition definition) {
        List<Filter> existing = filterService.createFilterQuery()
                .filterResourceType(EntityTypes.TASK)
                .filterName(definition.name())
                .list().stream()
                .filter(filter -> filter.getOwner() == null)
                .sorted(Comparator.comparing(Filter::getId))
                .toList();
        Filter filter = existing.isEmpty() ? filterService.newTaskFilter(definition.name()) : existing.get(0);
        existing.stream().skip(1).forEach(duplicate -> filterService.deleteFilter(duplicate.getId()));
        filter.setQuery(definition.query().get());
        filter.setProperties(definition.properties());
        filter = filterService.saveFilter(filter);
        for (String group : definition.groups()) {
            authorizations.grantGroup(group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
        for (String role : Groups.ROLES.keySet()) {
            if (!definition.groups().contains(role)) {
                authorizations.revokeGroup(role, Resources.FILTER, filter.getId(), Permissions.READ);
            }
        }
        return filter;
    }
}
