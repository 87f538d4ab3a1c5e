package org.civicflow.support;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.test.context.TestComponent;

/** Creates users for a test (idempotent), all with the password {@link #PASSWORD}. */
@TestComponent
public class TestUsers {

    public static final String PASSWORD = "secret-password";

    private final IdentityService identityService;

    TestUsers(IdentityService identityService) {
        this.identityService = identityService;
    }

    /** A user in the given groups; the groups must exist (role groups do, org-{code} once registered). */
    public String create(String userId, String... groupIds) {
        if (identityService.createUserQuery().userId(userId).count() == 0) {
            User user = identityService.newUser(userId);
            user.setFirstName(userId);
            user.setLastName("测试");
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
        }
        for (String groupId : groupIds) {
            if (identityService.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
                identityService.createMembership(userId, groupId);
            }
        }
        return userId;
    }
}
