package org.civicflow.registry;

import java.time.LocalDate;
import java.util.List;

/** JSON of GET /api/organizations/{code}: the organization with staff, credit records and outcomes. */
public record OrganizationView(String code, String name, LegalForm legalForm, RegistrationLevel registrationLevel,
                               boolean registeredWithCivilAffairs, boolean annualInspectionPassed,
                               boolean underInvestigation, String businessScope, Integer evaluationPracticeYears,
                               String groupId, List<Staff> staff, List<Credit> creditRecords,
                               List<Outcome> projectOutcomes) {

    public record Staff(long id, String name, boolean board, boolean fullTime, int contractMonths,
                        boolean socialInsurance, Qualification qualification, boolean socialWorkDiploma,
                        int experienceYears, int communityServiceYears, boolean local, boolean supervisorQualified,
                        boolean expert, boolean fullTimeEmployee, boolean professionalSocialWorker) {
    }

    public record Credit(long id, CreditRecordKind kind, LocalDate occurredOn, String description) {
    }

    public record Outcome(long id, int year, String projectName, boolean acceptancePassed) {
    }

    static OrganizationView of(Organization o, String groupId) {
        return new OrganizationView(o.getCode(), o.getName(), o.getLegalForm(), o.getRegistrationLevel(),
                o.isRegisteredWithCivilAffairs(), o.isAnnualInspectionPassed(), o.isUnderInvestigation(),
                o.getBusinessScope(), o.getEvaluationPracticeYears(), groupId,
                o.getStaff().stream().map(s -> new Staff(s.getId(), s.getName(), s.isBoard(), s.isFullTime(),
                        s.getContractMonths(), s.isSocialInsurance(), s.getQualification(), s.isSocialWorkDiploma(),
                        s.getExperienceYears(), s.getCommunityServiceYears(), s.isLocal(), s.isSupervisorQualified(),
                        s.isExpert(), s.isFullTimeEmployee(), s.isProfessionalSocialWorker())).toList(),
                o.getCreditRecords().stream().map(c -> new Credit(c.getId(), c.getKind(), c.getOccurredOn(),
                        c.getDescription())).toList(),
                o.getProjectOutcomes().stream().map(p -> new Outcome(p.getId(), p.getYear(), p.getProjectName(),
                        p.isAcceptancePassed())).toList());
    }
}
