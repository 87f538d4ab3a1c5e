package org.civicflow.system;

import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo profile's users: one per role group (three experts, since a review needs three), all with
 * the password {@code demo}. Providers join their organization's group when the registry's demo
 * organizations are registered. No other profile creates users.
 */
@Component
@Order(20)
@ConditionalOnProperty(name = "civicflow.demo.enabled", havingValue = "true")
class DemoUsers implements ApplicationRunner {

    static final String PASSWORD = "demo";

    record DemoUser(String id, String firstName, String lastName, String group) {
    }

    static final List<DemoUser> USERS = List.of(
            new DemoUser("bureau01", "民政", "王", Groups.BUREAU),
            new DemoUser("expert01", "评审", "李", Groups.EXPERT),
            new DemoUser("expert02", "评审", "赵", Groups.EXPERT),
            new DemoUser("expert03", "评审", "钱", Groups.EXPERT),
            // LAW-03 committees need at least four experts among five members
            new DemoUser("expert04", "评审", "冯", Groups.EXPERT),
            new DemoUser("expert05", "评审", "陈", Groups.EXPERT),
            new DemoUser("agency01", "代理", "孙", Groups.AGENCY),
            // each street and community user works for one unit: the 苏州 demo puts them into its groups
            new DemoUser("street01", "街道", "周", Groups.STREET),
            new DemoUser("street02", "街道", "冯", Groups.STREET),
            new DemoUser("community01", "社区", "吴", Groups.COMMUNITY),
            new DemoUser("community02", "社区", "卫", Groups.COMMUNITY),
            new DemoUser("evaluator01", "评估", "郑", Groups.EVALUATOR),
            new DemoUser("provider01", "社工", "陈", Groups.PROVIDER),
            new DemoUser("provider02", "社工", "林", Groups.PROVIDER),
            new DemoUser("provider03", "社工", "何", Groups.PROVIDER),
            new DemoUser("provider04", "社工", "许", Groups.PROVIDER));

    private final IdentityService identityService;

    DemoUsers(IdentityService identityService) {
        this.identityService = identityService;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (DemoUser demo : USERS) {
            if (identityService.createUserQuery().userId(demo.id()).count() == 0) {
                User user = identityService.newUser(demo.id());
                user.setFirstName(demo.firstName());
                user.setLastName(demo.lastName());
                user.setEmail(demo.id() + "@demo.civicflow.local");
                user.setPassword(PASSWORD);
                identityService.saveUser(user);
                identityService.createMembership(demo.id(), demo.group());
            }
        }
    }
}
