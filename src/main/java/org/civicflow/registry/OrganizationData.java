package org.civicflow.registry;

/** The registrable attributes of an organization (PUT /api/organizations/{code}). */
public record OrganizationData(String name, LegalForm legalForm, RegistrationLevel registrationLevel,
                               boolean registeredWithCivilAffairs, boolean annualInspectionPassed,
                               boolean underInvestigation, String businessScope,
                               Integer evaluationPracticeYears) {
}
