package org.civicflow.system;

import java.util.List;

/**
 * Who looks at the dashboard and what part of the data is theirs.
 *
 * @param scope {@link Scope#ALL} for the bureau and administrators; {@link Scope#PILOT} for a street, which
 *              sees its own 苏州 units (their tenders and contracts: {@code street-{unitCode}} among its groups)
 *              and none of the 房山 call's applications
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

    /** A 苏州 unit's tender and contract: the bureau's, and its own street's. */
    public boolean seesUnit(String unitCode) {
        return seesAll() || (unitCode != null && groupIds.contains(Groups.street(unitCode)));
    }

    /** Calls for proposals and their applications (房山) are the bureau's business, not a street's. */
    public boolean seesCalls() {
        return scope == Scope.ALL;
    }
}
