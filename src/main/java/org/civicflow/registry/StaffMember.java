package org.civicflow.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One person on an organization's staff, with the facts SZ-02, SZ-03, SZ-05, SZ-14, FS-04 and FS-05 read. */
@Entity
@Table(name = "staff_member")
public class StaffMember {

    /** SZ-03 / 附件3: a full-time employee has a labour contract of at least one year. */
    public static final int FULL_TIME_MIN_CONTRACT_MONTHS = 12;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "organization_code")
    private Organization organization;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false)
    private boolean board;

    @Column(name = "full_time", nullable = false)
    private boolean fullTime;

    @Column(name = "contract_months", nullable = false)
    private int contractMonths;

    @Column(name = "social_insurance", nullable = false)
    private boolean socialInsurance;

    @Enumerated(EnumType.STRING)
    @Column(length = 32)
    private Qualification qualification;

    @Column(name = "social_work_diploma", nullable = false)
    private boolean socialWorkDiploma;

    @Column(name = "experience_years", nullable = false)
    private int experienceYears;

    @Column(name = "community_service_years", nullable = false)
    private int communityServiceYears;

    @Column(name = "local_resident", nullable = false)
    private boolean local;

    @Column(name = "supervisor_qualified", nullable = false)
    private boolean supervisorQualified;

    @Column(nullable = false)
    private boolean expert;

    protected StaffMember() {
    }

    StaffMember(Organization organization, StaffData data) {
        this.organization = organization;
        this.name = data.name();
        this.board = data.board();
        this.fullTime = data.fullTime();
        this.contractMonths = data.contractMonths();
        this.socialInsurance = data.socialInsurance();
        this.qualification = data.qualification();
        this.socialWorkDiploma = data.socialWorkDiploma();
        this.experienceYears = data.experienceYears();
        this.communityServiceYears = data.communityServiceYears();
        this.local = data.local();
        this.supervisorQualified = data.supervisorQualified();
        this.expert = data.expert();
    }

    /** 全职员工: employed full time with a labour contract of at least one year and social insurance paid. */
    public boolean isFullTimeEmployee() {
        return fullTime && contractMonths >= FULL_TIME_MIN_CONTRACT_MONTHS && socialInsurance;
    }

    /** 专业社工: a social-work diploma (大专以上) or a social-work qualification certificate. */
    public boolean isProfessionalSocialWorker() {
        return socialWorkDiploma || qualification != null;
    }

    /** Holds a 社会工作职业水平证书 (FS-04, FS-05). */
    public boolean isCertified() {
        return qualification != null;
    }

    public Long getId() {
        return id;
    }

    public String getOrganizationCode() {
        return organization.getCode();
    }

    public String getName() {
        return name;
    }

    public boolean isBoard() {
        return board;
    }

    public boolean isFullTime() {
        return fullTime;
    }

    public int getContractMonths() {
        return contractMonths;
    }

    public boolean isSocialInsurance() {
        return socialInsurance;
    }

    public Qualification getQualification() {
        return qualification;
    }

    public boolean isSocialWorkDiploma() {
        return socialWorkDiploma;
    }

    public int getExperienceYears() {
        return experienceYears;
    }

    public int getCommunityServiceYears() {
        return communityServiceYears;
    }

    public boolean isLocal() {
        return local;
    }

    public boolean isSupervisorQualified() {
        return supervisorQualified;
    }

    public boolean isExpert() {
        return expert;
    }
}
