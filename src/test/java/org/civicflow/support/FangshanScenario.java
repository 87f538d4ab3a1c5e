package org.civicflow.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.civicflow.registry.LegalForm;
import org.civicflow.registry.OrganizationData;
import org.civicflow.registry.Qualification;
import org.civicflow.registry.RegistrationLevel;
import org.civicflow.registry.RegistryService;
import org.civicflow.registry.StaffData;
import org.civicflow.system.Groups;
import org.springframework.boot.test.context.TestComponent;

/**
 * Builds 房山 scenarios from registry facts: organizations with staff, a call with its deadlines,
 * applications as a provider would submit them, and experts. Time is the engine clock.
 */
@TestComponent
public class FangshanScenario {

    private static final AtomicInteger SEQUENCE = new AtomicInteger(100000);
    private static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /** 2020年2月1日 10:00 北京时间: well inside the 2020 round. */
    public static final Instant DURING_2020_ROUND = OffsetDateTime.parse("2020-02-01T10:00:00+08:00").toInstant();

    private final RegistryService registry;
    private final RuntimeService runtimeService;
    private final ManagementService managementService;
    private final TestUsers users;

    FangshanScenario(RegistryService registry, RuntimeService runtimeService, ManagementService managementService,
                     TestUsers users) {
        this.registry = registry;
        this.runtimeService = runtimeService;
        this.managementService = managementService;
        this.users = users;
    }

    /** An organization and its staff as registered; {@code lead} and {@code team} are staff ids. */
    public record Org(String code, long lead, List<Long> team, List<Long> uncertified) {
    }

    public static void clock(Instant instant) {
        ClockUtil.setCurrentTime(Date.from(instant));
    }

    public static void clock(String isoWithOffset) {
        clock(OffsetDateTime.parse(isoWithOffset).toInstant());
    }

    public static String uniqueCode() {
        String digits = String.valueOf(SEQUENCE.incrementAndGet());
        String prefix = "52110111MJ" + digits;
        return complete(prefix);
    }

    /** Completes a 16-character prefix with both GB 32100 check characters (test copy of the registry's rule). */
    static String complete(String prefix16) {
        int[] orgWeights = {3, 7, 9, 10, 5, 8, 4, 2};
        int sum = 0;
        for (int i = 0; i < 8; i++) {
            char c = prefix16.charAt(8 + i);
            sum += (Character.isDigit(c) ? c - '0' : c - 'A' + 10) * orgWeights[i];
        }
        int orgCheck = 11 - sum % 11;
        String first17 = prefix16 + (orgCheck == 10 ? "X" : orgCheck == 11 ? "0" : String.valueOf(orgCheck));
        int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
        int total = 0;
        for (int i = 0; i < 17; i++) {
            total += ALPHABET.indexOf(first17.charAt(i)) * weights[i];
        }
        return first17 + ALPHABET.charAt((31 - total % 31) % 31);
    }

    /** A registered, inspected organization with {@code certified} certified and {@code others} uncertified staff. */
    public Org organization(int certified, int others) {
        String code = uniqueCode();
        registry.register(code, new OrganizationData("测试社工事务所" + code.substring(10, 16), LegalForm.PRIVATE_NON_ENTERPRISE,
                RegistrationLevel.COUNTY, true, true, false, "社会工作服务", null));
        List<Long> team = new ArrayList<>();
        List<Long> uncertified = new ArrayList<>();
        for (int i = 0; i < certified; i++) {
            team.add(registry.addStaff(code, staff("持证社工" + i, Qualification.ASSISTANT_SOCIAL_WORKER)));
        }
        for (int i = 0; i < others; i++) {
            uncertified.add(registry.addStaff(code, staff("未持证员工" + i, null)));
        }
        return new Org(code, team.get(0), team, uncertified);
    }

    public Org organization() {
        return organization(3, 1);
    }

    private static StaffData staff(String name, Qualification qualification) {
        return new StaffData(name, false, true, 24, true, qualification, false, 3, 2, true, false, false);
    }

    /** Opens a call with the 2020 房山 policy's dates unless given; returns the process instance. */
    public ProcessInstance openCall(String callId, Map<String, Object> overrides) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("callId", callId);
        variables.putAll(overrides);
        return runtimeService.startProcessInstanceByKey("callForProposals", callId, variables);
    }

    public ProcessInstance openCall(String callId) {
        return openCall(callId, Map.of());
    }

    /** The variables a provider submits for an eligible application of {@code org}. */
    public Map<String, Object> application(String callId, Org org) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("callId", callId);
        variables.put("organizationCode", org.code());
        variables.put("catalogCode", "2-3");
        variables.put("projectTitle", "独居老人心理关怀服务");
        variables.put("targetBeneficiaries", "辖区60岁以上独居老人");
        variables.put("minBeneficiaries", 120);
        variables.put("requestedAmount", 150000);
        variables.put("staffPayRaiseAmount", 0);
        variables.put("officeImprovementAmount", 0);
        variables.put("alreadyFundedByDistrict", false);
        variables.put("otherFundingSources", "");
        variables.put("jointApplicants", "");
        variables.put("leadStaffId", (int) org.lead());
        variables.put("teamStaffIds", String.join(",", org.team().stream().map(String::valueOf).toList()));
        return variables;
    }

    public ProcessInstance apply(Map<String, Object> variables) {
        return runtimeService.startProcessInstanceByKey("projectApplication", variables);
    }

    /** At least {@code count} experts exist (ids expert1…). */
    public List<String> experts(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            ids.add(users.create("expert" + i, Groups.EXPERT));
        }
        return ids;
    }

    /** Runs the instance's due jobs (async continuations, timers due at the engine clock). */
    public void executeJobs(String processInstanceId) {
        for (int round = 0; round < 10; round++) {
            List<Job> jobs = managementService.createJobQuery().processInstanceId(processInstanceId).executable().list();
            if (jobs.isEmpty()) {
                return;
            }
            jobs.forEach(job -> managementService.executeJob(job.getId()));
        }
    }
}
