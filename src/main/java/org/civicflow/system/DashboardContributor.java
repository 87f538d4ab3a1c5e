package org.civicflow.system;

import java.util.List;

/**
 * One stage's part of the manager dashboard ({@code /dashboard}). The dashboard lives in {@code system},
 * which every stage depends on; each stage implements this interface over its own data and the dashboard
 * collects all implementations, so no module has to reach into the others (and no cycle appears between
 * {@code application}/{@code tender} and {@code contract}).
 */
public interface DashboardContributor {

    /**
     * The sections this stage shows to {@code viewer}; empty when the viewer's scope holds nothing of it.
     * Everything returned is plain display data: the page escapes it and draws the charts itself.
     */
    List<DashboardSection> sections(DashboardViewer viewer);
}
