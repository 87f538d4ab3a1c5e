package org.civicflow.registry;

/** A staff member as registered (POST /api/organizations/{code}/staff). */
public record StaffData(String name, boolean board, boolean fullTime, int contractMonths, boolean socialInsurance,
                        Qualification qualification, boolean socialWorkDiploma, int experienceYears,
                        int communityServiceYears, boolean local, boolean supervisorQualified, boolean expert) {
}
