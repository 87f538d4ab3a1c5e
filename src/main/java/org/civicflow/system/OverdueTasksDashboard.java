package org.civicflow.system;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Overdue tasks of all four processes, straight from Camunda: open tasks whose due date has passed (by process
 * and task name, the oldest listed with links to Tasklist and Cockpit) and finished tasks that were completed
 * after their due date. The queries run as the viewer (the filter set the user on the identity service), so
 * Camunda's authorizations decide which tasks count: the bureau sees every task, a street the tasks of its
 * group, as in Tasklist.
 */
@Component
class OverdueTasksDashboard implements DashboardContributor {

    static final int ORDER = 40;
    /** The oldest overdue tasks listed one by one; the counts include all. */
    static final int LISTED = 30;
    /** Finished tasks examined for lateness, newest due dates first (a dashboard, not a report). */
    static final int HISTORY_WINDOW = 5000;

    static final Map<String, String> PROCESSES = new LinkedHashMap<>();

    static {
        PROCESSES.put("callForProposals", "项目征集");
        PROCESSES.put("projectApplication", "项目申报");
        PROCESSES.put("tenderProcurement", "招投标");
        PROCESSES.put("serviceContract", "合同履约");
    }

    private final TaskService taskService;
    private final HistoryService historyService;

    OverdueTasksDashboard(TaskService taskService, HistoryService historyService) {
        this.taskService = taskService;
        this.historyService = historyService;
    }

    @Override
    public List<DashboardSection> sections(DashboardViewer viewer) {
        Instant now = ShanghaiTime.now();
        Date nowDate = Date.from(now);
        List<DashboardSection.Figure> figures = new ArrayList<>();
        List<DashboardSection.Bar> byProcess = new ArrayList<>();
        Map<String, Long> byTask = new TreeMap<>();
        List<Task> oldest = new ArrayList<>();
        long total = 0;
        for (Map.Entry<String, String> process : PROCESSES.entrySet()) {
            if (!viewer.seesCalls() && (process.getKey().equals("callForProposals")
                    || process.getKey().equals("projectApplication"))) {
                continue;
            }
            long count = taskService.createTaskQuery().processDefinitionKey(process.getKey()).dueBefore(nowDate).count();
            total += count;
            byProcess.add(new DashboardSection.Bar(process.getValue(), count));
            if (count > 0) {
                List<Task> tasks = taskService.createTaskQuery().processDefinitionKey(process.getKey())
                        .dueBefore(nowDate).orderByDueDate().asc().listPage(0, 1000);
                for (Task task : tasks) {
                    byTask.merge(process.getValue() + " · " + task.getName(), 1L, Long::sum);
                }
                oldest.addAll(tasks.subList(0, Math.min(LISTED, tasks.size())));
            }
        }
        figures.add(new DashboardSection.Figure("逾期未办任务", String.valueOf(total), "截至 " + DashboardLinks.date(now)));
        figures.add(new DashboardSection.Figure("逾期办结任务", String.valueOf(finishedLate(nowDate, viewer)),
                "近" + HISTORY_WINDOW + "个有期限的已办任务中"));

        List<DashboardSection.Chart> charts = new ArrayList<>();
        charts.add(new DashboardSection.Chart("逾期未办任务（按流程）", DashboardSection.Chart.Kind.BARS, byProcess));
        if (!byTask.isEmpty()) {
            charts.add(new DashboardSection.Chart("逾期未办任务（按任务）", DashboardSection.Chart.Kind.BARS,
                    byTask.entrySet().stream().map(e -> new DashboardSection.Bar(e.getKey(), e.getValue())).toList()));
        }

        oldest.sort((a, b) -> a.getDueDate().compareTo(b.getDueDate()));
        List<List<DashboardSection.Cell>> rows = new ArrayList<>();
        for (Task task : oldest.subList(0, Math.min(LISTED, oldest.size()))) {
            Instant due = task.getDueDate().toInstant();
            rows.add(List.of(
                    DashboardSection.Cell.text(task.getName()),
                    DashboardSection.Cell.text(processName(task.getProcessDefinitionId())),
                    DashboardSection.Cell.text(DashboardLinks.date(due)),
                    DashboardSection.Cell.text(Duration.between(due, now).toDays() + "天"),
                    DashboardSection.Cell.text(task.getAssignee() == null ? "未认领" : task.getAssignee()),
                    DashboardSection.Cell.links(List.of(DashboardLinks.task("Tasklist", task.getId()),
                            DashboardLinks.instance("Cockpit", task.getProcessInstanceId())))));
        }
        List<DashboardSection.Table> tables = rows.isEmpty() ? List.of() : List.of(new DashboardSection.Table(
                "最早逾期的任务（最多" + LISTED + "项）", List.of("任务", "流程", "到期时间", "已逾期", "办理人", "查看"), rows));
        return List.of(new DashboardSection(ORDER, "逾期任务", "各流程中已过办理期限的任务（Camunda 任务期限）",
                figures, charts, tables, List.of(DashboardLinks.processes("在 Cockpit 中查看全部流程"))));
    }

    /** Finished tasks with a due date that were completed after it. */
    private long finishedLate(Date now, DashboardViewer viewer) {
        List<HistoricTaskInstance> finished = historyService.createHistoricTaskInstanceQuery().finished()
                .taskDueBefore(now).orderByHistoricTaskInstanceEndTime().desc().listPage(0, HISTORY_WINDOW);
        return finished.stream()
                .filter(t -> t.getEndTime() != null && t.getEndTime().after(t.getDueDate()))
                .filter(t -> viewer.seesCalls() || !isCallStage(t.getProcessDefinitionKey()))
                .count();
    }

    private static boolean isCallStage(String key) {
        return "callForProposals".equals(key) || "projectApplication".equals(key);
    }

    /** Process definition ids are {@code key:version:id}; the key names the process. */
    private static String processName(String processDefinitionId) {
        String key = processDefinitionId == null ? "" : processDefinitionId.split(":", 2)[0];
        return PROCESSES.getOrDefault(key, key);
    }
}
