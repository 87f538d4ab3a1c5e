package org.civicflow.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/** One service contract (政府采购合同 or 资助协议) from signature to payment. */
@Entity
@Table(name = "service_contract")
public class ServiceContract {

    /** A member of the registered service team (SZ-05): a registry staff id and its role. */
    @Embeddable
    public record TeamMember(@Column(name = "staff_id") long staffId,
                             @Enumerated(EnumType.STRING) @Column(name = "role", length = 16) TeamRole role) {
    }

    /** A target missed at final acceptance, with its rule id and the fact behind it. */
    @Embeddable
    public record Shortfall(@Column(name = "rule_id", length = 8) String ruleId,
                            @Column(name = "fact", length = 2000) String fact) {
    }

    public enum TeamRole {
        MEMBER, PROJECT_MANAGER, SUPERVISOR
    }

    @Id
    @Column(name = "contract_number", length = 80)
    private String contractNumber;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 16)
    private ContractKind kind;

    @Column(name = "policy_code", nullable = false, length = 32)
    private String policyCode;

    @Column(name = "organization_code", nullable = false, length = 18)
    private String organizationCode;

    @Column(nullable = false, length = 200)
    private String title;

    @Column(name = "source_ref", nullable = false, length = 80)
    private String sourceRef;

    @Column(name = "unit_code", length = 64)
    private String unitCode;

    @Column(name = "original_amount", nullable = false, precision = 19, scale = 2)
    private BigDecimal originalAmount;

    @Column(name = "current_amount", nullable = false, precision = 19, scale = 2)
    private BigDecimal currentAmount;

    @Column(name = "service_start", nullable = false)
    private LocalDate serviceStart;

    @Column(name = "service_end", nullable = false)
    private LocalDate serviceEnd;

    @Column(name = "team_formation_deadline")
    private Instant teamFormationDeadline;

    @Column(nullable = false, length = 2000)
    private String communities;

    @Column(name = "catalog_code", length = 8)
    private String catalogCode;

    @Column(name = "catalog_indicators", length = 4000)
    private String catalogIndicators;

    @Column(name = "min_beneficiaries")
    private Integer minBeneficiaries;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ContractStatus status;

    @Column(name = "team_formed_at")
    private Instant teamFormedAt;

    @Column(name = "evaluation_deductions", nullable = false)
    private int evaluationDeductions;

    @Column(name = "service_items", length = 500)
    private String serviceItems;

    @Column(name = "additional_items", length = 2000)
    private String additionalItems;

    @Column(name = "service_populations", length = 500)
    private String servicePopulations;

    @Column(name = "service_methods", length = 2000)
    private String serviceMethods;

    @Column(length = 2000)
    private String deliverables;

    @Column(name = "street_coordinators", length = 200)
    private String streetCoordinators;

    @Column(name = "community_coordinators", length = 2000)
    private String communityCoordinators;

    @Column(name = "service_recipients", length = 20000)
    private String serviceRecipients;

    @Column(name = "agreement_confirmed_at")
    private Instant agreementConfirmedAt;

    @Column(name = "acceptance_passed")
    private Boolean acceptancePassed;

    @Column(name = "final_score", precision = 5, scale = 1)
    private BigDecimal finalScore;

    @Column(name = "coordination_score", precision = 5, scale = 1)
    private BigDecimal coordinationScore;

    @Column(name = "acceptance_comment", length = 4000)
    private String acceptanceComment;

    @Column(name = "accepted_at")
    private Instant acceptedAt;

    @Column(name = "targets_checked")
    private Integer targetsChecked;

    @Column(name = "targets_met")
    private Integer targetsMet;

    @Column(name = "score_factor", precision = 5, scale = 2)
    private BigDecimal scoreFactor;

    @Column(name = "payment_amount", precision = 19, scale = 2)
    private BigDecimal paymentAmount;

    @Column(name = "process_instance_id", length = 64)
    private String processInstanceId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "contract_team_member", joinColumns = @JoinColumn(name = "contract_number"))
    @OrderColumn(name = "position")
    private List<TeamMember> team = new ArrayList<>();

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "contract_shortfall", joinColumns = @JoinColumn(name = "contract_number"))
    @OrderColumn(name = "position")
    private List<Shortfall> shortfalls = new ArrayList<>();

    protected ServiceContract() {
    }

    ServiceContract(ContractTerms terms, Instant now) {
        this.contractNumber = terms.contractNumber();
        this.kind = terms.kind();
        this.policyCode = terms.policyCode();
        this.organizationCode = terms.organizationCode();
        this.title = terms.title();
        this.sourceRef = terms.sourceRef();
        this.unitCode = terms.unitCode();
        this.originalAmount = terms.amount();
        this.currentAmount = terms.amount();
        this.serviceStart = terms.serviceStart();
        this.serviceEnd = terms.serviceEnd();
        this.teamFormationDeadline = terms.teamFormationDeadline();
        this.communities = String.join(",", terms.communities());
        this.catalogCode = terms.catalogCode();
        this.catalogIndicators = terms.catalogIndicators();
        this.minBeneficiaries = terms.minBeneficiaries();
        this.status = ContractStatus.ACTIVE;
        this.createdAt = now;
    }

    void started(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    void teamFormed(List<TeamMember> members, Instant now) {
        team.clear();
        team.addAll(members);
        teamFormedAt = now;
    }

    void deducted(int points) {
        evaluationDeductions += points;
    }

    void reduced(BigDecimal amount) {
        currentAmount = currentAmount.subtract(amount);
    }

    void terminated() {
        status = ContractStatus.TERMINATED;
    }

    void plan(String items, String additional, String populations, String methods, String deliverables) {
        this.serviceItems = items;
        this.additionalItems = additional;
        this.servicePopulations = populations;
        this.serviceMethods = methods;
        this.deliverables = deliverables;
    }

    void agreementConfirmed(String streetCoordinators, String communityCoordinators, String recipients, Instant now) {
        this.streetCoordinators = streetCoordinators;
        this.communityCoordinators = communityCoordinators;
        this.serviceRecipients = recipients;
        this.agreementConfirmedAt = now;
    }

    void targetsChecked(List<Shortfall> found, int checked) {
        shortfalls.clear();
        shortfalls.addAll(found);
        targetsChecked = checked;
        targetsMet = checked - found.size();
    }

    void addShortfalls(List<Shortfall> more, int checked) {
        shortfalls.addAll(more);
        targetsChecked += checked;
        targetsMet += checked - more.size();
    }

    void reviewed(boolean passed, BigDecimal finalScore, BigDecimal coordinationScore, String comment, Instant now) {
        this.acceptancePassed = passed;
        this.finalScore = finalScore;
        this.coordinationScore = coordinationScore;
        this.acceptanceComment = comment;
        this.acceptedAt = now;
        this.status = passed ? ContractStatus.COMPLETED : ContractStatus.FAILED_ACCEPTANCE;
    }

    void paid(BigDecimal scoreFactor, BigDecimal amount) {
        this.scoreFactor = scoreFactor;
        this.paymentAmount = amount;
    }

    public boolean requiresTeam() {
        return teamFormationDeadline != null;
    }

    public List<String> getCommunities() {
        return communities.isBlank() ? List.of() : Arrays.asList(communities.split(","));
    }

    /** {@code completionShortfalls}: the rule ids of the shortfalls, sorted, comma-separated. */
    public String getCompletionShortfalls() {
        return shortfalls.stream().map(Shortfall::ruleId).distinct().sorted().collect(Collectors.joining(","));
    }

    public List<Shortfall> getShortfalls() {
        return List.copyOf(shortfalls);
    }

    public List<TeamMember> getTeam() {
        return List.copyOf(team);
    }

    public BigDecimal getReductions() {
        return originalAmount.subtract(currentAmount);
    }

    public List<String> indicatorList() {
        if (catalogIndicators == null || catalogIndicators.isBlank()) {
            return List.of();
        }
        return Arrays.stream(catalogIndicators.split("\\R")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    public String getContractNumber() {
        return contractNumber;
    }

    public ContractKind getKind() {
        return kind;
    }

    public String getPolicyCode() {
        return policyCode;
    }

    public String getOrganizationCode() {
        return organizationCode;
    }

    public String getTitle() {
        return title;
    }

    public String getSourceRef() {
        return sourceRef;
    }

    /** The 苏州 unit (its street and communities); null for a 房山 project. */
    public String getUnitCode() {
        return unitCode;
    }

    public BigDecimal getOriginalAmount() {
        return originalAmount;
    }

    public BigDecimal getCurrentAmount() {
        return currentAmount;
    }

    public LocalDate getServiceStart() {
        return serviceStart;
    }

    public LocalDate getServiceEnd() {
        return serviceEnd;
    }

    public Instant getTeamFormationDeadline() {
        return teamFormationDeadline;
    }

    public String getCatalogCode() {
        return catalogCode;
    }

    public String getCatalogIndicators() {
        return catalogIndicators;
    }

    public Integer getMinBeneficiaries() {
        return minBeneficiaries;
    }

    public ContractStatus getStatus() {
        return status;
    }

    public Instant getTeamFormedAt() {
        return teamFormedAt;
    }

    public int getEvaluationDeductions() {
        return evaluationDeductions;
    }

    public String getServiceItems() {
        return serviceItems;
    }

    public String getAdditionalItems() {
        return additionalItems;
    }

    public String getServicePopulations() {
        return servicePopulations;
    }

    public String getServiceMethods() {
        return serviceMethods;
    }

    public String getDeliverables() {
        return deliverables;
    }

    public String getStreetCoordinators() {
        return streetCoordinators;
    }

    public String getCommunityCoordinators() {
        return communityCoordinators;
    }

    public String getServiceRecipients() {
        return serviceRecipients;
    }

    public Instant getAgreementConfirmedAt() {
        return agreementConfirmedAt;
    }

    public Boolean getAcceptancePassed() {
        return acceptancePassed;
    }

    public BigDecimal getFinalScore() {
        return finalScore;
    }

    public BigDecimal getCoordinationScore() {
        return coordinationScore;
    }

    public String getAcceptanceComment() {
        return acceptanceComment;
    }

    public Instant getAcceptedAt() {
        return acceptedAt;
    }

    public Integer getTargetsChecked() {
        return targetsChecked;
    }

    public Integer getTargetsMet() {
        return targetsMet;
    }

    public BigDecimal getScoreFactor() {
        return scoreFactor;
    }

    public BigDecimal getPaymentAmount() {
        return paymentAmount;
    }

    public String getProcessInstanceId() {
        return processInstanceId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
