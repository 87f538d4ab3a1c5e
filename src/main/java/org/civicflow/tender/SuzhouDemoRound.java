package org.civicflow.tender;

import static org.civicflow.system.DemoReplay.at;

import java.math.BigDecimal;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.civicflow.registry.RegistryDemoData;
import org.civicflow.system.Groups;
import org.civicflow.system.UnitGroups;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The demo's 2018 苏州 pilot, started as it happened (engine clock set back while the instances start):
 * 沧浪街道's service package tendered on 20 May 2018 with two sealed bids, and the third-party evaluator
 * tendered with one. Their bid deadlines are past, so the job executor opens the bids at first start:
 * 益善 qualifies, 同心 fails SZ-03, and the agency finds the committee task in Tasklist.
 */
@Component
@Order(50)
@ConditionalOnProperty(name = "civicflow.demo.enabled", havingValue = "true")
class SuzhouDemoRound implements ApplicationRunner {

    static final String UNIT = "SZ-GS-CANGLANG";
    static final String EVALUATOR_UNIT = "SZ-EVALUATOR";

    private final TenderService tenders;
    private final RuntimeService runtimeService;
    private final UnitGroups unitGroups;

    SuzhouDemoRound(TenderService tenders, RuntimeService runtimeService, UnitGroups unitGroups) {
        this.unitGroups = unitGroups;
        this.tenders = tenders;
        this.runtimeService = runtimeService;
    }

    @Override
    public void run(ApplicationArguments args) {
        // 沧浪's street and community staff (demo users street02, community02)
        unitGroups.ensure(UNIT, "姑苏区沧浪街道");
        unitGroups.addMember("street02", Groups.street(UNIT));
        unitGroups.addMember("community02", Groups.community(UNIT));
        if (tenders.current(UNIT).isPresent()) {
            return;
        }
        try {
            at("2018-05-20T09:00:00+08:00");
            runtimeService.startProcessInstanceByKey("tenderProcurement", UNIT, Map.of(
                    "unitCode", UNIT, "unitName", "姑苏区沧浪街道", "district", "苏州市姑苏区",
                    "bidDeadline", "2018-06-10T09:00:00+08:00",
                    "communities", "南环新村社区,竹辉社区,友新社区,桂花社区,沧浪新城社区"));
            runtimeService.startProcessInstanceByKey("tenderProcurement", EVALUATOR_UNIT, Map.of(
                    "unitCode", EVALUATOR_UNIT, "unitName", "新一轮试点第三方监管评估", "tenderKind", "EVALUATOR",
                    "bidDeadline", "2018-06-10T09:00:00+08:00"));

            at("2018-06-05T14:20:00+08:00");
            tenders.submitBid(UNIT, RegistryDemoData.YISHAN, new BigDecimal("2160000"), "provider03");
            tenders.submitBid(UNIT, RegistryDemoData.TONGXIN, new BigDecimal("2080000"), "provider02");
            tenders.submitBid(EVALUATOR_UNIT, RegistryDemoData.HUIZHI, new BigDecimal("1900000"), "evaluator01");
        } finally {
            ClockUtil.reset();
        }
    }
}
