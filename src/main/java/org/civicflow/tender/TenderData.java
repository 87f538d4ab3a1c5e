package org.civicflow.tender;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** A tender as started (the start variables of tenderProcurement, defaulted from the round policy). */
public record TenderData(String unitCode, String unitName, String district, String policyCode, TenderKind kind,
                         BigDecimal annualBudget, int serviceYears, LocalDate serviceStart,
                         Instant teamFormationDeadline, Instant tenderIssuedAt, Instant bidDeadline,
                         List<String> communities) {

    public BigDecimal totalBudget() {
        return annualBudget.multiply(BigDecimal.valueOf(serviceYears));
    }
}
