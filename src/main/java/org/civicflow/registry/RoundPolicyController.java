package org.civicflow.registry;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.civicflow.system.ShanghaiTime;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Round policies are public facts of a round: every signed-in user may read them. */
@RestController
@RequestMapping(path = "/api/round-policies", produces = "application/json")
class RoundPolicyController {

    record ThresholdView(BigDecimal value, String ruleId) {
    }

    record RoundPolicyView(String code, RoundKind kind, String district, String title, OffsetDateTime opensAt,
                           OffsetDateTime submissionDeadline, OffsetDateTime completionDeadline,
                           OffsetDateTime tenderCompletedBy, OffsetDateTime teamFormationDeadline,
                           LocalDate serviceStart, LocalDate serviceEnd, Map<String, ThresholdView> thresholds) {

        static RoundPolicyView of(RoundPolicy p) {
            Map<String, ThresholdView> thresholds = new TreeMap<>();
            p.getThresholds().forEach((name, t) -> thresholds.put(name, new ThresholdView(t.getValue(), t.getRuleId())));
            return new RoundPolicyView(p.getCode(), p.getKind(), p.getDistrict(), p.getTitle(), local(p.getOpensAt()),
                    local(p.getSubmissionDeadline()), local(p.getCompletionDeadline()),
                    local(p.getTenderCompletedBy()), local(p.getTeamFormationDeadline()), p.getServiceStart(),
                    p.getServiceEnd(), thresholds);
        }

        private static OffsetDateTime local(Instant instant) {
            return instant == null ? null : instant.atZone(ShanghaiTime.ZONE).toOffsetDateTime();
        }
    }

    private final RegistryService registry;

    RoundPolicyController(RegistryService registry) {
        this.registry = registry;
    }

    @GetMapping
    List<RoundPolicyView> list() {
        return registry.policies().stream().map(RoundPolicyView::of).toList();
    }

    @GetMapping("/{code}")
    RoundPolicyView get(@PathVariable String code) {
        return RoundPolicyView.of(registry.policy(code));
    }
}
