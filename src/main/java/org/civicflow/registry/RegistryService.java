package org.civicflow.registry;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.civicflow.system.AsSystem;
import org.civicflow.system.Groups;
import org.civicflow.system.NotFoundException;
import org.civicflow.system.ShanghaiTime;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The organization registry. Rules read their facts here, never from what an applicant claims.
 * Registering an organization also creates its Camunda group {@code org-{code}} in the same
 * transaction, so neither exists without the other.
 */
@Service
@Transactional
public class RegistryService {

    private final OrganizationRepository organizations;
    private final RoundPolicyRepository policies;
    private final IdentityService identityService;
    private final AsSystem asSystem;

    RegistryService(OrganizationRepository organizations, RoundPolicyRepository policies,
                    IdentityService identityService, AsSystem asSystem) {
        this.organizations = organizations;
        this.policies = policies;
        this.identityService = identityService;
        this.asSystem = asSystem;
    }

    /** Creates or replaces an organization's registered attributes. @return true when it was created */
    public boolean register(String code, OrganizationData data) {
        Instant now = ShanghaiTime.now();
        Optional<Organization> existing = organizations.findById(code);
        Organization organization = existing.orElseGet(() -> new Organization(code, now));
        organization.update(data, now);
        organizations.save(organization);
        saveGroup(code, data.name());
        return existing.isEmpty();
    }

    public long addStaff(String code, StaffData data) {
        Organization organization = require(code);
        StaffMember member = organization.addStaff(data);
        organizations.flush(); // cascades the new child and assigns its id
        return member.getId();
    }

    public long addCreditRecord(String code, CreditRecordKind kind, LocalDate occurredOn, String description) {
        Organization organization = require(code);
        CreditRecord record = organization.addCreditRecord(kind, occurredOn, description);
        organizations.flush(); // cascades the new child and assigns its id
        return record.getId();
    }

    public long addProjectOutcome(String code, int year, String projectName, boolean acceptancePassed) {
        Organization organization = require(code);
        ProjectOutcome outcome = organization.addProjectOutcome(year, projectName, acceptancePassed);
        organizations.flush(); // cascades the new child and assigns its id
        return outcome.getId();
    }

    @Transactional(readOnly = true)
    public boolean exists(String code) {
        return organizations.existsById(code);
    }

    /** The organization with its facts; read them inside the caller's transaction (staff etc. load lazily). */
    @Transactional(readOnly = true)
    public Optional<Organization> findOrganization(String code) {
        return code == null ? Optional.empty() : organizations.findById(code);
    }

    @Transactional(readOnly = true)
    public OrganizationView view(String code) {
        return OrganizationView.of(require(code), Groups.organization(code));
    }

    @Transactional(readOnly = true)
    public List<OrganizationView> views() {
        return organizations.findAll().stream()
                .sorted(java.util.Comparator.comparing(Organization::getCode))
                .map(o -> OrganizationView.of(o, Groups.organization(o.getCode())))
                .toList();
    }

    @Transactional(readOnly = true)
    public RoundPolicy policy(String code) {
        return findPolicy(code).orElseThrow(() -> new NotFoundException("未找到轮次政策 " + code));
    }

    @Transactional(readOnly = true)
    public Optional<RoundPolicy> findPolicy(String code) {
        return code == null ? Optional.empty() : policies.findById(code);
    }

    @Transactional(readOnly = true)
    public List<RoundPolicy> policies() {
        return policies.findAll().stream().sorted(java.util.Comparator.comparing(RoundPolicy::getCode)).toList();
    }

    private Organization require(String code) {
        return organizations.findById(code).orElseThrow(() -> new NotFoundException("未找到统一社会信用代码为 " + code + " 的组织"));
    }

    /**
     * Maintains the organization's group as the system: callers are already checked (bureau or
     * administrator), and granting the bureau rights on all groups would let it edit camunda-admin too.
     */
    private void saveGroup(String code, String name) {
        asSystem.run(() -> saveGroupUnchecked(code, name));
    }

    private void saveGroupUnchecked(String code, String name) {
        String groupId = Groups.organization(code);
        Group group = identityService.createGroupQuery().groupId(groupId).singleResult();
        if (group == null) {
            group = identityService.newGroup(groupId);
            group.setType(Groups.ORGANIZATION_TYPE);
        } else if (name.equals(group.getName())) {
            return;
        }
        group.setName(name);
        identityService.saveGroup(group);
    }
}
