package org.civicflow.application;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.civicflow.call.CallService;
import org.civicflow.registry.UnifiedSocialCreditCode;
import org.camunda.bpm.engine.AuthorizationException;
import org.civicflow.system.CurrentUser;
import org.civicflow.system.Groups;
import org.civicflow.system.NotFoundException;
import org.civicflow.system.ProcessInput;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Applications: registration, eligibility, joint approval, reviews and the funding decision. */
@Service
@Transactional
public class ApplicationService {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("100000000");

    private final ApplicationRepository applications;
    private final ApplicationReviewRepository reviews;
    private final EligibilityRules rules;
    private final CallService calls;
    private final CurrentUser currentUser;

    ApplicationService(ApplicationRepository applications, ApplicationReviewRepository reviews, EligibilityRules rules,
                       CallService calls, CurrentUser currentUser) {
        this.applications = applications;
        this.reviews = reviews;
        this.rules = rules;
        this.calls = calls;
        this.currentUser = currentUser;
    }

    /**
     * Reads and stores an application from its start variables. Malformed input is refused with every
     * field named (nothing is stored); what the rules decide (FS-01 … FS-10) is not an input error.
     */
    public ProjectApplication register(Map<String, Object> variables, String businessKey, String processInstanceId) {
        ProcessInput input = ProcessInput.of(variables);
        String callId = input.requiredText("callId", 64);
        if (callId != null && calls.findCall(callId).isEmpty()) {
            input.reject("callId", "未找到征集轮次 " + callId);
        }
        String organizationCode = input.requiredText("organizationCode", 18);
        if (organizationCode != null) {
            UnifiedSocialCreditCode.problem(organizationCode).ifPresent(p -> input.reject("organizationCode", p));
        }
        List<String> joint = input.list("jointApplicants", 1000);
        for (String partner : joint) {
            UnifiedSocialCreditCode.problem(partner).ifPresent(p -> input.reject("jointApplicants", partner + "：" + p));
        }
        ApplicationData data = new ApplicationData(callId, organizationCode,
                input.requiredText("catalogCode", 8),
                input.requiredText("projectTitle", 200),
                input.optionalText("targetBeneficiaries", 1000),
                (int) nonNull(input.optionalInt("minBeneficiaries", 0, 10_000_000, 0)),
                input.requiredAmount("requestedAmount", MAX_AMOUNT),
                optionalAmount(input, variables, "staffPayRaiseAmount"),
                optionalAmount(input, variables, "officeImprovementAmount"),
                input.optionalBoolean("alreadyFundedByDistrict", false),
                input.optionalText("otherFundingSources", 1000),
                joint,
                nonNull(input.requiredInt("leadStaffId", 1, Integer.MAX_VALUE)),
                input.idList("teamStaffIds", 1000));
        String applicationId = businessKey != null ? businessKey : callId + "-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        if (businessKey != null && (businessKey.length() > 64 || !businessKey.matches("[A-Za-z0-9-]+"))) {
            input.reject("businessKey", "申报编号最多64个字符，只能包含字母、数字和连字符");
        } else if (businessKey != null && applications.existsById(businessKey)) {
            input.reject("businessKey", "申报编号 " + businessKey + " 已存在");
        }
        input.validate();
        if (!currentUser.mayActFor(organizationCode)) {
            throw new AuthorizationException("只能以本人所属机构的名义申报（" + Groups.organization(organizationCode) + "）");
        }
        return applications.save(new ProjectApplication(applicationId, data, ShanghaiTime.now(), processInstanceId));
    }

    /** Runs FS-01 … FS-10 and records every violation. @return the violations (empty: eligible) */
    public List<RuleViolation> checkEligibility(String applicationId) {
        ProjectApplication application = application(applicationId);
        List<RuleViolation> violations = rules.check(application);
        application.eligibilityChecked(violations);
        return violations;
    }

    /** Task_ApproveJointApplication's outcome (FS-07). */
    public void decideJoint(String applicationId, boolean approved) {
        application(applicationId).jointDecided(approved);
    }

    /** One expert's review; each expert reviews an application once. */
    public void recordReview(String applicationId, String reviewer, Map<String, Object> variables) {
        ProcessInput input = ProcessInput.of(variables);
        Integer score = input.requiredInt("reviewScore", 0, 100);
        String comment = input.requiredText("reviewComment", 2000);
        if (reviewer != null && reviews.existsByApplicationIdAndReviewer(applicationId, reviewer)) {
            input.reject("reviewScore", "专家 " + reviewer + " 已评审过本申报");
        }
        input.validate();
        reviews.save(new ApplicationReview(applicationId, reviewer, score, comment, ShanghaiTime.now()));
    }

    /** The experts' average score, recorded for the funding decision. */
    public BigDecimal summarizeReviews(String applicationId) {
        List<ApplicationReview> all = reviews.findByApplicationIdOrderByReviewedAt(applicationId);
        BigDecimal average = all.isEmpty() ? BigDecimal.ZERO
                : BigDecimal.valueOf(all.stream().mapToInt(ApplicationReview::getScore).sum())
                        .divide(BigDecimal.valueOf(all.size()), 2, RoundingMode.HALF_UP);
        application(applicationId).reviewed(average);
        return average;
    }

    /** Task_DecideFunding's outcome: a grant must be positive and at most the amount requested. */
    public ProjectApplication decideFunding(String applicationId, Map<String, Object> variables) {
        ProjectApplication application = application(applicationId);
        ProcessInput input = ProcessInput.of(variables);
        Boolean approved = input.requiredBoolean("fundingApproved");
        BigDecimal granted = null;
        if (Boolean.TRUE.equals(approved)) {
            granted = input.requiredAmount("grantedAmount", MAX_AMOUNT);
            if (granted != null && granted.signum() == 0) {
                input.reject("grantedAmount", "同意资助时资助金额必须大于0");
            } else if (granted != null && granted.compareTo(application.getRequestedAmount()) > 0) {
                input.reject("grantedAmount", "资助金额不得超过申请金额" + application.getRequestedAmount().toPlainString() + "元");
            }
        }
        input.validate();
        application.fundingDecided(approved, granted, ShanghaiTime.now());
        return application;
    }

    @Transactional(readOnly = true)
    public ProjectApplication application(String applicationId) {
        return applications.findById(applicationId)
                .orElseThrow(() -> new NotFoundException("未找到申报 " + applicationId));
    }

    @Transactional(readOnly = true)
    public List<ProjectApplication> ofCall(String callId) {
        return applications.findByCallIdOrderBySubmittedAt(callId);
    }

    private static BigDecimal optionalAmount(ProcessInput input, Map<String, Object> variables, String name) {
        Object value = variables.get(name);
        if (value == null || "".equals(value)) {
            return BigDecimal.ZERO.setScale(2);
        }
        BigDecimal amount = input.requiredAmount(name, MAX_AMOUNT);
        return amount == null ? BigDecimal.ZERO : amount;
    }

    private static long nonNull(Integer value) {
        return value == null ? 0 : value;
    }
}
