package org.civicflow.system;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

/**
 * What the demo replays of past rounds share: setting the engine clock back to the moment a step happened, and
 * running an instance's jobs due then, as the job executor would have.
 */
@Component
public class DemoReplay {

    private final ManagementService managementService;

    DemoReplay(ManagementService managementService) {
        this.managementService = managementService;
    }

    /** The engine clock at an ISO-8601 instant with its offset (the callers reset it when their replay ends). */
    public static void at(String isoWithOffset) {
        ClockUtil.setCurrentTime(Date.from(OffsetDateTime.parse(isoWithOffset).toInstant()));
    }

    /** Runs the instance's jobs due at the (set back) engine clock, and those they make due. */
    public void runJobs(ProcessInstance instance) {
        for (int round = 0; round < 10; round++) {
            List<Job> due = managementService.createJobQuery().processInstanceId(instance.getId()).executable().list();
            if (due.isEmpty()) {
                return;
            }
            due.forEach(job -> managementService.executeJob(job.getId()));
        }
    }
}
