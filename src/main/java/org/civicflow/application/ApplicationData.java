package org.civicflow.application;

import java.math.BigDecimal;
import java.util.List;

/** An application as submitted (the start variables of projectApplication). */
public record ApplicationData(String callId, String organizationCode, String catalogCode, String projectTitle,
                              String targetBeneficiaries, int minBeneficiaries, BigDecimal requestedAmount,
                              BigDecimal staffPayRaiseAmount, BigDecimal officeImprovementAmount,
                              boolean alreadyFundedByDistrict, String otherFundingSources,
                              List<String> jointApplicants, long leadStaffId, List<Long> teamStaffIds) {
}
