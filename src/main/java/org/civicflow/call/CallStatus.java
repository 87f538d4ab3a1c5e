package org.civicflow.call;

/** Where a call round stands. */
public enum CallStatus {
    /** 征集中: applications are accepted until the submission deadline (FS-01). */
    OPEN,
    /** 已截止: the submission deadline has passed. */
    CLOSED,
    /** 已完成: the completion date has passed and the round's summary is archived. */
    COMPLETED
}
