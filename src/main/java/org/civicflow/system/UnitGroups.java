package org.civicflow.system;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.springframework.stereotype.Component;

/**
 * The groups of one 苏州 unit (a street's procurement): {@code street-{unitCode}} for the street's staff and
 * {@code community-{unitCode}} for its communities' staff, created when the unit's tender opens. Camunda Admin puts
 * a street's users into their street's group (besides the role group {@link Groups#STREET}); the unit's tasks and
 * contract are granted to these groups only, so one street never sees another's.
 */
@Component
public class UnitGroups {

    private final IdentityService identityService;
    private final AsSystem asSystem;

    UnitGroups(IdentityService identityService, AsSystem asSystem) {
        this.identityService = identityService;
        this.asSystem = asSystem;
    }

    /** Creates the unit's two groups if missing (as the system: the agency opening a tender manages no groups). */
    public void ensure(String unitCode, String unitName) {
        asSystem.run(() -> {
            ensureGroup(Groups.street(unitCode), unitName);
            ensureGroup(Groups.community(unitCode), unitName + "社区");
        });
    }

    /** Puts an existing user into a unit's group (idempotent; the demo's street and community users). */
    public void addMember(String userId, String groupId) {
        asSystem.run(() -> {
            if (identityService.createUserQuery().userId(userId).count() == 1
                    && identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
                identityService.createMembership(userId, groupId);
            }
        });
    }

    private void ensureGroup(String groupId, String name) {
        if (identityService.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identityService.newGroup(groupId);
            group.setName(name);
            group.setType(Groups.UNIT_TYPE);
            identityService.saveGroup(group);
        }
    }
}
