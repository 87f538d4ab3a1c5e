package org.civicflow.call;

import java.time.Instant;

/** A call as opened: its own deadlines and limits, defaulted from its round policy. */
public record CallData(String callId, String policyCode, String district, String title, Instant submissionDeadline,
                       Instant completionDeadline, int maxApplicationsPerOrg, int expertReviewers) {
}
