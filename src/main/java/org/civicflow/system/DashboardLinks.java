package org.civicflow.system;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Instant;
import java.util.Locale;

import org.springframework.web.util.UriUtils;

/**
 * Links and number formats the dashboard's contributors share, so every stage points into Cockpit, Tasklist
 * and the archived notices the same way. Ids are percent-encoded: they come from data, and a link must stay
 * the link it was meant to be.
 */
public final class DashboardLinks {

    public static final String COCKPIT = "/camunda/app/cockpit/default/";
    public static final String TASKLIST = "/camunda/app/tasklist/default/";

    private DashboardLinks() {
    }

    /** Cockpit's page of one process instance (running or, with history, finished). */
    public static DashboardSection.Link instance(String text, String processInstanceId) {
        return new DashboardSection.Link(text, COCKPIT + "#/process-instance/" + encode(processInstanceId));
    }

    /** Cockpit's list of process definitions. */
    public static DashboardSection.Link processes(String text) {
        return new DashboardSection.Link(text, COCKPIT + "#/processes");
    }

    /** Cockpit's page of a process definition by its id ({@code key:version:uuid}). */
    public static DashboardSection.Link definition(String text, String processDefinitionId) {
        return new DashboardSection.Link(text, COCKPIT + "#/process-definition/" + encode(processDefinitionId));
    }

    /** A task in Tasklist. */
    public static DashboardSection.Link task(String text, String taskId) {
        return new DashboardSection.Link(text, TASKLIST + "#/?task=" + encode(taskId));
    }

    /** An archived notice ({@code /api/documents/{id}}): the same access rules as everywhere apply there. */
    public static DashboardSection.Link document(String text, String documentId) {
        return new DashboardSection.Link(text, "/api/documents/" + encode(documentId));
    }

    /** Yuan with thousands separators and fen: 2,090,000.00. */
    public static String yuan(BigDecimal amount) {
        if (amount == null) {
            return "—";
        }
        return new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(amount);
    }

    public static String date(Instant instant) {
        return instant == null ? "—" : ShanghaiTime.chinese(instant);
    }

    private static String encode(String id) {
        return UriUtils.encodePathSegment(id == null ? "" : id, java.nio.charset.StandardCharsets.UTF_8);
    }
}
