package org.civicflow.registry;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.civicflow.system.CurrentUser;
import org.civicflow.system.ForbiddenException;
import org.civicflow.system.Groups;
import org.civicflow.system.InvalidInputException;
import org.civicflow.system.JsonInput;
import org.civicflow.system.NotFoundException;
import org.civicflow.system.ShanghaiTime;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Registry REST API of SPEC §4. The bureau (and administrators) write; an organization's own users
 * may read their organization. Every request is validated in full before anything is written.
 */
@RestController
@RequestMapping(path = "/api/organizations", produces = "application/json")
class OrganizationController {

    private static final int NAME_MAX = 200;
    private static final int PERSON_NAME_MAX = 100;
    private static final int TEXT_MAX = 2000;
    /** Credit records older than the state's registry make no sense (and old calendars do not convert). */
    private static final LocalDate EARLIEST_RECORD = LocalDate.of(1949, 10, 1);

    private final RegistryService registry;
    private final CurrentUser currentUser;

    OrganizationController(RegistryService registry, CurrentUser currentUser) {
        this.registry = registry;
        this.currentUser = currentUser;
    }

    @GetMapping
    List<OrganizationView> list() {
        if (currentUser.isBureauOrAdministrator()) {
            return registry.views();
        }
        return registry.views().stream().filter(o -> currentUser.isMemberOf(o.groupId())).toList();
    }

    @GetMapping("/{code}")
    OrganizationView get(@PathVariable String code) {
        if (!currentUser.isBureauOrAdministrator() && !currentUser.isMemberOf(Groups.organization(code))) {
            if (!registry.exists(code)) {
                throw new NotFoundException("未找到统一社会信用代码为 " + code + " 的组织");
            }
            throw new ForbiddenException("只能查看本机构的登记信息");
        }
        return registry.view(code);
    }

    @PutMapping(path = "/{code}", consumes = "application/json")
    ResponseEntity<OrganizationView> put(@PathVariable String code, @RequestBody(required = false) JsonNode body) {
        currentUser.requireBureauOrAdministrator();
        JsonInput input = JsonInput.of(body);
        UnifiedSocialCreditCode.problem(code).ifPresent(problem -> input.reject("code", problem));
        OrganizationData data = new OrganizationData(
                input.requiredText("name", NAME_MAX),
                input.requiredEnum("legalForm", LegalForm.class),
                input.requiredEnum("registrationLevel", RegistrationLevel.class),
                bool(input.requiredBoolean("registeredWithCivilAffairs")),
                bool(input.requiredBoolean("annualInspectionPassed")),
                bool(input.requiredBoolean("underInvestigation")),
                input.requiredText("businessScope", TEXT_MAX),
                input.optionalInt("evaluationPracticeYears", 0, 100));
        input.validate();
        boolean created = registry.register(code, data);
        OrganizationView view = registry.view(code);
        return created
                ? ResponseEntity.created(URI.create("/api/organizations/" + code)).body(view)
                : ResponseEntity.ok(view);
    }

    @PostMapping(path = "/{code}/staff", consumes = "application/json")
    ResponseEntity<Map<String, Long>> addStaff(@PathVariable String code, @RequestBody(required = false) JsonNode body) {
        currentUser.requireBureauOrAdministrator();
        requireKnown(code);
        JsonInput input = JsonInput.of(body);
        StaffData data = new StaffData(
                input.requiredText("name", PERSON_NAME_MAX),
                bool(input.requiredBoolean("board")),
                bool(input.requiredBoolean("fullTime")),
                number(input.requiredInt("contractMonths", 0, 600)),
                bool(input.requiredBoolean("socialInsurance")),
                input.optionalEnum("qualification", Qualification.class),
                bool(input.requiredBoolean("socialWorkDiploma")),
                number(input.requiredInt("experienceYears", 0, 70)),
                number(input.requiredInt("communityServiceYears", 0, 70)),
                bool(input.requiredBoolean("local")),
                bool(input.requiredBoolean("supervisorQualified")),
                input.optionalBoolean("expert", false));
        input.validate();
        long id = registry.addStaff(code, data);
        return created(code, "staff", id);
    }

    @PostMapping(path = "/{code}/credit-records", consumes = "application/json")
    ResponseEntity<Map<String, Long>> addCreditRecord(@PathVariable String code,
                                                      @RequestBody(required = false) JsonNode body) {
        currentUser.requireBureauOrAdministrator();
        requireKnown(code);
        JsonInput input = JsonInput.of(body);
        CreditRecordKind kind = input.requiredEnum("kind", CreditRecordKind.class);
        LocalDate occurredOn = input.requiredDate("occurredOn");
        if (occurredOn != null && occurredOn.isAfter(ShanghaiTime.today())) {
            input.reject("occurredOn", "不能晚于今天");
        } else if (occurredOn != null && occurredOn.isBefore(EARLIEST_RECORD)) {
            input.reject("occurredOn", "不能早于1949年10月1日");
        }
        String description = input.requiredText("description", TEXT_MAX);
        input.validate();
        long id = registry.addCreditRecord(code, kind, occurredOn, description);
        return created(code, "credit-records", id);
    }

    @PostMapping(path = "/{code}/project-outcomes", consumes = "application/json")
    ResponseEntity<Map<String, Long>> addProjectOutcome(@PathVariable String code,
                                                        @RequestBody(required = false) JsonNode body) {
        currentUser.requireBureauOrAdministrator();
        requireKnown(code);
        JsonInput input = JsonInput.of(body);
        Integer year = input.requiredInt("year", 2000, ShanghaiTime.today().getYear());
        String projectName = input.requiredText("projectName", NAME_MAX);
        Boolean passed = input.requiredBoolean("acceptancePassed");
        input.validate();
        long id = registry.addProjectOutcome(code, year, projectName, passed);
        return created(code, "project-outcomes", id);
    }

    private void requireKnown(String code) {
        if (!registry.exists(code)) {
            // a malformed code can never be registered: say so rather than just "not found"
            UnifiedSocialCreditCode.problem(code).ifPresent(problem -> {
                throw new InvalidInputException("code", problem);
            });
            throw new NotFoundException("未找到统一社会信用代码为 " + code + " 的组织");
        }
    }

    private static ResponseEntity<Map<String, Long>> created(String code, String collection, long id) {
        return ResponseEntity.created(URI.create("/api/organizations/" + code + "/" + collection + "/" + id))
                .body(Map.of("id", id));
    }

    /** Placeholders for rejected fields; {@link JsonInput#validate()} throws before they are used. */
    private static boolean bool(Boolean value) {
        return value != null && value;
    }

    private static int number(Integer value) {
        return value == null ? 0 : value;
    }

}
