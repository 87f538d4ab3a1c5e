package org.civicflow.registry;

/** How a round buys services. */
public enum RoundKind {
    /** 项目征集: organizations apply with their own projects (房山). */
    CALL_FOR_PROPOSALS,
    /** 招投标试点: service packages per street are tendered (苏州). */
    PILOT_TENDER
}
