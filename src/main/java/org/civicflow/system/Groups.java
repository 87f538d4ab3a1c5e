package org.civicflow.system;

import java.util.LinkedHashMap;
import java.util.Map;

/** The Camunda groups of SPEC §1. Group ids are part of the integration contract. */
public final class Groups {

    public static final String BUREAU = "bureau";
    public static final String EXPERT = "expert";
    public static final String AGENCY = "agency";
    public static final String STREET = "street";
    public static final String COMMUNITY = "community";
    public static final String EVALUATOR = "evaluator";
    public static final String PROVIDER = "provider";
    public static final String ADMIN = "camunda-admin";

    /** Group type of the per-organization groups {@code org-{code}}. */
    public static final String ORGANIZATION_TYPE = "ORGANIZATION";
    /** Group type of the role groups above. */
    public static final String ROLE_TYPE = "WORKFLOW";

    /** Role groups with their Chinese names, in SPEC order. */
    public static final Map<String, String> ROLES;

    static {
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put(BUREAU, "民政局（社会工委）");
        roles.put(EXPERT, "评审专家");
        roles.put(AGENCY, "政府采购代理机构");
        roles.put(STREET, "街道（镇）");
        roles.put(COMMUNITY, "社区（村）");
        roles.put(EVALUATOR, "第三方监管评估机构");
        roles.put(PROVIDER, "社会组织");
        ROLES = Map.copyOf(roles);
    }

    private Groups() {
    }

    /** The group that holds one organization's users, so it sees only its own work. */
    public static String organization(String code) {
        return "org-" + code;
    }

    /** Group type of the per-unit groups {@code street-{unitCode}} and {@code community-{unitCode}}. */
    public static final String UNIT_TYPE = "UNIT";

    /**
     * The staff of the street (街道) that purchases one 苏州 unit's services: its tasks and contracts are theirs
     * alone. Its users are also in the role group {@link #STREET}, which opens Tasklist, Cockpit and the dashboard.
     */
    public static String street(String unitCode) {
        return "street-" + unitCode;
    }

    /** The staff of the communities (社区) one 苏州 unit serves; its users are also in {@link #COMMUNITY}. */
    public static String community(String unitCode) {
        return "community-" + unitCode;
    }

}
