package org.civicflow.support;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.civicflow.registry.LegalForm;
import org.civicflow.registry.OrganizationData;
import org.civicflow.registry.Qualification;
import org.civicflow.registry.RegistrationLevel;
import org.civicflow.registry.RegistryService;
import org.civicflow.registry.StaffData;
import org.civicflow.system.Groups;
import org.springframework.boot.test.context.TestComponent;

/** Builds 苏州 tender scenarios: qualified bidders from registry facts, tenders, a provider user per bidder. */
@TestComponent
public class SuzhouScenario {

    private final RegistryService registry;
    private final RuntimeService runtimeService;
    private final TestUsers users;

    SuzhouScenario(RegistryService registry, RuntimeService runtimeService, TestUsers users) {
        this.registry = registry;
        this.runtimeService = runtimeService;
        this.users = users;
    }

    /** A bidder meeting SZ-01 … SZ-04: a 社会工作师 on the board, 9 full-time staff, 5 professional social workers. */
    public String qualifiedBidder() {
        String code = FangshanScenario.uniqueCode();
        registry.register(code, new OrganizationData("苏州测试社工服务社" + code.substring(10, 16),
                LegalForm.PRIVATE_NON_ENTERPRISE, RegistrationLevel.CITY, true, true, false, "社会工作服务；社区治理", null));
        for (int i = 0; i < 9; i++) {
            Qualification qualification = i == 0 ? Qualification.SOCIAL_WORKER : i < 5 ? Qualification.ASSISTANT_SOCIAL_WORKER : null;
            registry.addStaff(code, new StaffData("员工" + i, i == 0, true, 24, true, qualification, false, 3, 2, true,
                    false, false));
        }
        return code;
    }

    /** The provider user of an organization (member of provider and org-{code}); its id is returned. */
    public String providerOf(String organizationCode) {
        return users.create("p" + organizationCode.substring(10, 16), Groups.PROVIDER, Groups.organization(organizationCode));
    }

    /** Start variables of a service-unit tender: issued now (engine clock), 4 communities. */
    public Map<String, Object> tender(String unitCode, String tenderIssuedAt, String bidDeadline) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("unitCode", unitCode);
        variables.put("unitName", "姑苏区" + unitCode + "街道");
        variables.put("tenderIssuedAt", tenderIssuedAt);
        variables.put("bidDeadline", bidDeadline);
        variables.put("communities", "南环新村,竹辉,友新,桂花");
        return variables;
    }

    public ProcessInstance start(Map<String, Object> variables) {
        return runtimeService.startProcessInstanceByKey("tenderProcurement", variables);
    }
}
