package org.civicflow.tender;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.civicflow.registry.UnifiedSocialCreditCode;
import org.civicflow.system.CurrentUser;
import org.civicflow.system.ForbiddenException;
import org.civicflow.system.Groups;
import org.civicflow.system.InvalidInputException;
import org.civicflow.system.JsonInput;
import org.civicflow.system.ShanghaiTime;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sealed bids (SPEC §4). A provider bids only for an organization it belongs to, only before the bid
 * deadline. Until the deadline nobody — the bureau included — sees amounts, only how many bids there are.
 */
@RestController
@RequestMapping(path = "/api/tenders/{unitCode}/bids", produces = "application/json")
class BidController {

    record BidView(String organizationCode, BigDecimal amount, OffsetDateTime submittedAt, Boolean qualified,
                   List<String> ruleViolations, List<String> facts, Integer ranking) {

        /** @param rankingShown the committee's ranking is public once the purchaser has awarded (LAW-09) */
        static BidView of(Bid bid, boolean rankingShown) {
            return new BidView(bid.getOrganizationCode(), bid.getAmount(),
                    bid.getSubmittedAt().atZone(ShanghaiTime.ZONE).toOffsetDateTime(), bid.getQualified(),
                    bid.ruleViolationList(), bid.violationFactList(), rankingShown ? bid.getRanking() : null);
        }
    }

    private final TenderService tenders;
    private final CurrentUser currentUser;

    BidController(TenderService tenders, CurrentUser currentUser) {
        this.tenders = tenders;
        this.currentUser = currentUser;
    }

    @PostMapping(consumes = "application/json")
    ResponseEntity<Map<String, Object>> submit(@PathVariable String unitCode, @RequestBody(required = false) JsonNode body) {
        Tender tender = tenders.require(unitCode);
        JsonInput input = JsonInput.of(body);
        String organizationCode = input.requiredText("organizationCode", 18);
        if (organizationCode != null) {
            UnifiedSocialCreditCode.problem(organizationCode).ifPresent(p -> input.reject("organizationCode", p));
        }
        BigDecimal amount = input.requiredAmount("amount", tender.totalBudget());
        if (amount != null && amount.signum() == 0) {
            input.reject("amount", "投标金额必须大于0");
        }
        input.validate();
        if (!tenders.isMember(currentUser.userId(), organizationCode)) {
            throw new ForbiddenException("只能以本人所属机构的名义投标（" + Groups.organization(organizationCode) + "）");
        }
        if (!tender.acceptsBidsAt(ShanghaiTime.now())) {
            throw new ForbiddenException("投标截止时间（" + ShanghaiTime.chinese(tender.getBidDeadline()) + "，北京时间）已过，不再接受投标");
        }
        if (tenders.hasBid(tender, organizationCode)) {
            throw new InvalidInputException("organizationCode", "本机构已就本次招标投标");
        }
        Bid bid = tenders.submitBid(unitCode, organizationCode, amount, currentUser.userId());
        Map<String, Object> receipt = new LinkedHashMap<>();
        receipt.put("id", bid.getId());
        receipt.put("tenderId", tender.getTenderId());
        receipt.put("organizationCode", organizationCode);
        receipt.put("submittedAt", bid.getSubmittedAt().atZone(ShanghaiTime.ZONE).toOffsetDateTime());
        return ResponseEntity.created(URI.create("/api/tenders/" + unitCode + "/bids")).body(receipt);
    }

    @GetMapping
    Map<String, Object> list(@PathVariable String unitCode) {
        Tender tender = tenders.require(unitCode);
        Instant now = ShanghaiTime.now();
        List<Bid> bids = tenders.bids(tender);
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("unitCode", unitCode);
        view.put("tenderId", tender.getTenderId());
        view.put("status", tender.getStatus());
        view.put("bidDeadline", tender.getBidDeadline().atZone(ShanghaiTime.ZONE).toOffsetDateTime());
        view.put("sealed", tender.sealedAt(now));
        view.put("bidCount", bids.size());
        if (!tender.sealedAt(now)) {
            // the purchaser's side and the tender's own committee see every bid; an expert of another committee
            // none, a bidder its own, and its ranking only once the tender is awarded
            boolean seesAll = currentUser.isBureauOrAdministrator() || currentUser.isMemberOf(Groups.AGENCY)
                    || currentUser.isMemberOf(Groups.EXPERT) && tender.committeeExperts().contains(currentUser.userId());
            boolean rankingShown = seesAll || tender.getAwardNoticeAt() != null;
            view.put("bids", bids.stream()
                    .filter(b -> seesAll || currentUser.isMemberOf(Groups.organization(b.getOrganizationCode())))
                    .map(b -> BidView.of(b, rankingShown)).toList());
        }
        return view;
    }
}
