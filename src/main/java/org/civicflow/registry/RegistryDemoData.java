package org.civicflow.registry;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.civicflow.system.Groups;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo organizations with staff, chosen so the rules have something to decide: one that qualifies
 * everywhere, one with a recent administrative penalty (FS-03), a 苏州 bidder and a 苏州 evaluator.
 * Runs once: organizations that already exist are left as they are.
 */
@Component
@Order(30)
@ConditionalOnProperty(name = "civicflow.demo.enabled", havingValue = "true")
public class RegistryDemoData implements ApplicationRunner {

    /** 房山区阳光社会工作事务所: qualifies for the 房山 call. */
    public static final String SUNSHINE = "52110111MJ00001224";
    /** 房山区同心社区服务中心: an administrative penalty in 2019 (FS-03). */
    public static final String TONGXIN = "52110111MJ00002530";
    /** 苏州市姑苏区益善社工服务社: a city-registered 民办非企业单位 that meets SZ-01 … SZ-03. */
    public static final String YISHAN = "52320508MJ0000317R";
    /** 苏州汇智社会服务评估中心: a 社会团体 that meets SZ-14 as third-party evaluator. */
    public static final String HUIZHI = "51320500MJ0000472M";
    /** 房山区启航社会工作服务中心: funded in the 2020 round, its contract under way. */
    public static final String QIHANG = "52110111MJ00003686";

    private final RegistryService registry;
    private final IdentityService identityService;

    RegistryDemoData(RegistryService registry, IdentityService identityService) {
        this.registry = registry;
        this.identityService = identityService;
    }

    @Override
    @Transactional
    public void run(ApplicationArguments args) {
        if (!registry.exists(SUNSHINE)) {
            registry.register(SUNSHINE, new OrganizationData("房山区阳光社会工作事务所", LegalForm.PRIVATE_NON_ENTERPRISE,
                    RegistrationLevel.COUNTY, true, true, false, "社会工作服务；社区治理；养老服务；志愿服务", null));
            team(SUNSHINE, 10, 7);
            registry.addProjectOutcome(SUNSHINE, 2019, "长阳镇老年人心理关怀服务项目", true);
            member("provider01", SUNSHINE);
        }
        if (!registry.exists(TONGXIN)) {
            registry.register(TONGXIN, new OrganizationData("房山区同心社区服务中心", LegalForm.PRIVATE_NON_ENTERPRISE,
                    RegistrationLevel.COUNTY, true, true, false, "社区服务；社会工作服务；青少年服务", null));
            team(TONGXIN, 6, 3);
            registry.addCreditRecord(TONGXIN, CreditRecordKind.ADMINISTRATIVE_PENALTY, LocalDate.of(2019, 8, 20),
                    "未按规定报送年度工作报告，被区民政局警告");
            member("provider02", TONGXIN);
        }
        if (!registry.exists(QIHANG)) {
            registry.register(QIHANG, new OrganizationData("房山区启航社会工作服务中心", LegalForm.PRIVATE_NON_ENTERPRISE,
                    RegistrationLevel.COUNTY, true, true, false, "社会工作服务；社区治理；青少年服务", null));
            team(QIHANG, 8, 6);
            member("provider04", QIHANG);
        }
        if (!registry.exists(YISHAN)) {
            registry.register(YISHAN, new OrganizationData("苏州市姑苏区益善社工服务社", LegalForm.PRIVATE_NON_ENTERPRISE,
                    RegistrationLevel.CITY, true, true, false, "社会工作服务：困境人群个案、小组、社区工作；社区治理", null));
            team(YISHAN, 12, 7);
            member("provider03", YISHAN);
        }
        if (!registry.exists(HUIZHI)) {
            registry.register(HUIZHI, new OrganizationData("苏州汇智社会服务评估中心", LegalForm.SOCIAL_GROUP,
                    RegistrationLevel.CITY, true, true, false, "社会服务项目监管、评估", 5));
            team(HUIZHI, 4, 3);
            for (String expert : List.of("高教授", "陆教授", "沈研究员", "顾督导", "蒋督导")) {
                registry.addStaff(HUIZHI, new StaffData(expert, false, false, 0, false, Qualification.SENIOR_SOCIAL_WORKER,
                        true, 15, 10, true, true, true));
            }
            member("evaluator01", HUIZHI);
        }
    }

    /** A plausible team: the first {@code certified} members hold certificates, one board member is a 社会工作师. */
    private void team(String code, int size, int certified) {
        String[] surnames = {"张", "刘", "杨", "黄", "徐", "朱", "马", "胡", "郭", "罗", "梁", "宋"};
        for (int i = 0; i < size; i++) {
            Qualification qualification = i >= certified ? null
                    : i == 0 ? Qualification.SOCIAL_WORKER : Qualification.ASSISTANT_SOCIAL_WORKER;
            registry.addStaff(code, new StaffData(surnames[i % surnames.length] + "社工" + (i + 1), i == 0, true,
                    36, true, qualification, i % 2 == 0, 2 + i % 5, 1 + i % 4, i % 3 != 2, i == 0, false));
        }
    }

    private void member(String userId, String code) {
        if (identityService.createUserQuery().userId(userId).count() == 1
                && identityService.createUserQuery().userId(userId).memberOfGroup(Groups.organization(code)).count() == 0) {
            identityService.createMembership(userId, Groups.organization(code));
        }
    }
}
