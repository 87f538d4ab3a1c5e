package org.civicflow.call;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.civicflow.registry.RegistryService;
import org.civicflow.registry.RoundKind;
import org.civicflow.registry.RoundPolicy;
import org.civicflow.system.NotFoundException;
import org.civicflow.system.ProcessInput;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Calls for proposals: opening with deadlines from the round policy, closing, completing, the catalog. */
@Service
@Transactional
public class CallService {

    private final CallRoundRepository calls;
    private final CatalogItemRepository catalog;
    private final RegistryService registry;

    CallService(CallRoundRepository calls, CatalogItemRepository catalog, RegistryService registry) {
        this.calls = calls;
        this.catalog = catalog;
        this.registry = registry;
    }

    /**
     * Reads a call's start variables; what is not given comes from its round policy ({@code policyCode},
     * default FS-2020). Every bad field is named; nothing is written.
     */
    @Transactional(readOnly = true)
    public CallData read(Map<String, Object> variables) {
        ProcessInput input = ProcessInput.of(variables);
        String callId = input.requiredText("callId", 64);
        if (callId != null && !callId.matches("[A-Za-z0-9-]+")) {
            input.reject("callId", "只能包含字母、数字和连字符");
        }
        if (callId != null && calls.existsById(callId)) {
            input.reject("callId", "征集轮次 " + callId + " 已存在");
        }
        String policyCode = Optional.ofNullable(input.optionalText("policyCode", 32)).orElse(RoundPolicy.FANGSHAN_2020);
        RoundPolicy policy = registry.findPolicy(policyCode).orElse(null);
        if (policy == null || policy.getKind() != RoundKind.CALL_FOR_PROPOSALS) {
            input.reject("policyCode", "未找到项目征集类轮次政策 " + policyCode);
            input.validate();
        }
        String district = Optional.ofNullable(input.optionalText("district", 100)).orElse(policy.getDistrict());
        String title = Optional.ofNullable(input.optionalText("title", 200)).orElse(policy.getTitle());
        Instant submission = Optional.ofNullable(input.optionalDeadline("submissionDeadline"))
                .orElse(policy.getSubmissionDeadline());
        Instant completion = Optional.ofNullable(input.optionalDeadline("completionDeadline"))
                .orElse(policy.getCompletionDeadline());
        int maxApplications = Optional.ofNullable(input.optionalInt("maxApplicationsPerOrg", 1, 20, null))
                .orElse(policy.intThreshold("maxApplicationsPerOrg"));
        int reviewers = Optional.ofNullable(input.optionalInt("expertReviewers", 1, 15, null))
                .orElse(policy.intThreshold("expertReviewers"));
        if (submission == null && !input.hasViolation("submissionDeadline")) {
            input.reject("submissionDeadline", "必填");
        }
        if (completion == null && !input.hasViolation("completionDeadline")) {
            input.reject("completionDeadline", "必填");
        }
        if (submission != null && completion != null && !completion.isAfter(submission)) {
            input.reject("completionDeadline", "项目完成时间必须晚于申报截止时间");
        }
        input.validate();
        return new CallData(callId, policyCode, district, title, submission, completion, maxApplications, reviewers);
    }

    public CallRound open(CallData data, String processInstanceId) {
        return calls.save(new CallRound(data, processInstanceId, ShanghaiTime.now()));
    }

    public void close(String callId) {
        call(callId).close(ShanghaiTime.now());
    }

    public void complete(String callId) {
        call(callId).complete(ShanghaiTime.now());
    }

    @Transactional(readOnly = true)
    public CallRound call(String callId) {
        return findCall(callId).orElseThrow(() -> new NotFoundException("未找到征集轮次 " + callId));
    }

    @Transactional(readOnly = true)
    public Optional<CallRound> findCall(String callId) {
        return callId == null ? Optional.empty() : calls.findById(callId);
    }

    /** Every round, the latest opened first (the manager dashboard). */
    @Transactional(readOnly = true)
    public List<CallRound> rounds() {
        return calls.findAll(org.springframework.data.domain.Sort.by(
                org.springframework.data.domain.Sort.Direction.DESC, "openedAt"));
    }

    @Transactional(readOnly = true)
    public List<CatalogItem> catalog(String policyCode) {
        return catalog.findByKeyPolicyCodeOrderBySortOrder(policyCode);
    }

    @Transactional(readOnly = true)
    public Optional<CatalogItem> catalogItem(String policyCode, String code) {
        return code == null ? Optional.empty() : catalog.findById(new CatalogItem.Key(policyCode, code));
    }
}
