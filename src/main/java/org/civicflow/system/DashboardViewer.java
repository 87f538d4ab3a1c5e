package org.civicflow.system;

import java.util.List;

/**
 * Who looks at the dashboard and what part of the data is theirs.
 *
 * @param scope {@link Scope#ALL} for the bureau and administrators; {@link Scope#PILOT} for a street, which
 *              sees the 苏州 pilot (tenders and unit contracts) only: street users are not yet bound to one
 *              street, so a street sees every unit of the pilot but none of the 房山 call's applications
 */
public record DashboardViewer(String userId, List<String> groupIds, Scope scope) {

    public enum Scope {
        ALL, PILOT
    }

    public DashboardViewer {
        groupIds = List.copyOf(groupIds);
    }

    /** The bureau and administrators see every stage of both rounds. */
    public boolean seesAll() {
        return scope == Scope.ALL;
    }

    /** Calls for proposals and their applications (房山) are the bureau's business, not a street's. */
    public boolean seesCalls() {
        return scope == Scope.ALL;
    }
}
