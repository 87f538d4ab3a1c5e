package org.civicflow.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the awarding process hands over when it registers a contract: the tender (苏州) or the funded
 * application (房山) it comes from, with the facts the contract is later held to.
 *
 * @param teamFormationDeadline SZ-06's deadline; null when no team is formed under the contract (房山)
 * @param communities           the street's communities (SZ-11, SZ-12); empty for a funded project
 * @param catalogCode           FS-11: the catalog item whose indicators decide acceptance; null for 苏州
 * @param minBeneficiaries      the minimum the application promised (FS-10); null for 苏州
 * @param unitCode              the 苏州 unit, whose street and communities work on the contract; null for 房山
 */
public record ContractTerms(String contractNumber, ContractKind kind, String policyCode, String organizationCode,
                            String title, String sourceRef, BigDecimal amount, LocalDate serviceStart,
                            LocalDate serviceEnd, Instant teamFormationDeadline, List<String> communities,
                            String catalogCode, String catalogIndicators, Integer minBeneficiaries,
                            String unitCode) {
}
