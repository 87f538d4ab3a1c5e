package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.authorization.Authorization.ANY;

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.ProcessInstancePermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.FangshanScenario;
import org.civicflow.support.SuzhouScenario;
import org.civicflow.support.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Jobs (the processes' deadlines) are operated on only by administrators, and each such operation is logged; the
 * bureau's wildcard grants read, start and work on tasks but no longer administer jobs and instances, also in a
 * database whose grants an earlier version wrote.
 */
@CivicFlowTest
class JobOperationGuardTests {

    private static final String ADMIN = "jogadmin";
    private static final String BUREAU = "jogbureau";

    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    SuzhouScenario suzhou;
    @Autowired
    ManagementService managementService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    IdentitySetup identitySetup;

    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(JobOperationGuardFilter.class);

    @BeforeEach
    void init() {
        FangshanScenario.clock("2018-05-20T09:00:00+08:00");
        users.create(ADMIN, Groups.ADMIN);
        users.create(BUREAU, Groups.BUREAU);
        log.start();
        logger.addAppender(log);
    }

    @AfterEach
    void cleanUp() {
        logger.detachAppender(log);
        ClockUtil.reset();
    }

    private ProcessInstance tender(String unit) {
        return suzhou.start(suzhou.tender(unit, "2018-05-20T09:00:00+08:00", "2018-06-10T09:00:00+08:00"));
    }

    private Job timer(ProcessInstance instance) {
        return managementService.createJobQuery().processInstanceId(instance.getId()).timers().singleResult();
    }

    private List<String> warnings() {
        return log.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void anAdministratorsJobOperationsAreLoggedWithUserJobAndProcessInstance() {
        ProcessInstance instance = tender("JOGLOG");
        Job job = timer(instance);
        Api.Response retries = api.as(ADMIN).put("/engine-rest/job/" + job.getId() + "/retries", Map.of("retries", 3));
        assertThat(retries.status()).as(retries.body()).isEqualTo(204);
        Api.Response executed = api.as(ADMIN).post("/engine-rest/job/" + job.getId() + "/execute", null);
        assertThat(executed.status()).as(executed.body()).isEqualTo(204);

        assertThat(warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains(ADMIN).contains(job.getId())
                .contains(instance.getId()).contains("tenderProcurement"));
        assertThat(warnings().get(0)).contains("retries");
        assertThat(warnings().get(1)).contains("execute");
    }

    @Test
    void anyoneElseIsRefusedBeforeTheEngineAndThatIsLoggedToo() {
        ProcessInstance instance = tender("JOGREFUSE");
        Job job = timer(instance);
        Api.Response refused = api.as(BUREAU).post("/engine-rest/job/" + job.getId() + "/execute", null);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body()).contains("只有管理员");
        // other spellings of the path are the same operation
        assertThat(api.as(BUREAU).post("/engine-rest//job/" + job.getId() + "/execute", null).status()).isEqualTo(403);
        assertThat(api.as(BUREAU).post("/engine-rest/engine/default/job/" + job.getId() + "/execute", null).status())
                .isIn(403, 404);
        assertThat(warnings()).isNotEmpty().allSatisfy(w -> assertThat(w).contains("Refused").contains(BUREAU));
        assertThat(timer(instance).getId()).isEqualTo(job.getId());
        // queries are not operations
        assertThat(api.as(BUREAU).post("/engine-rest/job", Map.of("processInstanceId", instance.getId())).json())
                .hasSize(1);
        assertThat(api.as(BUREAU).post("/engine-rest/job/count", Map.of("processInstanceId", instance.getId())).json()
                .path("count").asInt()).isOne();
    }

    @Test
    void theBureausWildcardGrantsReadStartAndWorkButDoNotAdministerJobsOrInstances() {
        assertBureauGrantsNarrowed();
    }

    @Test
    void grantsOfAnEarlierVersionAreNarrowedAtStartUp() {
        // as an earlier version left them: ALL on every process definition and instance
        for (Resource resource : List.of(Resources.PROCESS_DEFINITION, Resources.PROCESS_INSTANCE)) {
            Authorization grant = bureauGrant(resource);
            grant.addPermission(Permissions.ALL);
            authorizationService.saveAuthorization(grant);
        }
        assertThat(bureauGrant(Resources.PROCESS_INSTANCE).isPermissionGranted(Permissions.UPDATE)).isTrue();

        identitySetup.run(null);

        assertBureauGrantsNarrowed();
    }

    private void assertBureauGrantsNarrowed() {
        Authorization definitions = bureauGrant(Resources.PROCESS_DEFINITION);
        for (Permission allowed : List.of(ProcessDefinitionPermissions.READ, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_TASK,
                ProcessDefinitionPermissions.CREATE_INSTANCE)) {
            assertThat(definitions.isPermissionGranted(allowed)).as("%s", allowed).isTrue();
        }
        for (Permission refused : IdentitySetup.BUREAU_MAY_NOT_ON_DEFINITIONS) {
            assertThat(definitions.isPermissionGranted(refused)).as("%s", refused).isFalse();
        }
        Authorization instances = bureauGrant(Resources.PROCESS_INSTANCE);
        assertThat(instances.isPermissionGranted(ProcessInstancePermissions.READ)).isTrue();
        assertThat(instances.isPermissionGranted(ProcessInstancePermissions.CREATE)).isTrue();
        for (Permission refused : IdentitySetup.BUREAU_MAY_NOT_ON_INSTANCES) {
            assertThat(instances.isPermissionGranted(refused)).as("%s", refused).isFalse();
        }
        // what the engine decides with them: executing a job or setting its due date needs UPDATE
        assertThat(authorizationService.isUserAuthorized(BUREAU, List.of(Groups.BUREAU), Permissions.UPDATE,
                Resources.PROCESS_INSTANCE, ANY)).isFalse();
        assertThat(authorizationService.isUserAuthorized(BUREAU, List.of(Groups.BUREAU),
                ProcessDefinitionPermissions.UPDATE_INSTANCE, Resources.PROCESS_DEFINITION, "tenderProcurement")).isFalse();
        // tasks stay the bureau's
        assertThat(authorizationService.isUserAuthorized(BUREAU, List.of(Groups.BUREAU), Permissions.ALL,
                Resources.TASK, ANY)).isTrue();
    }

    private Authorization bureauGrant(Resource resource) {
        return authorizationService.createAuthorizationQuery().authorizationType(Authorization.AUTH_TYPE_GRANT)
                .groupIdIn(Groups.BUREAU).resourceType(resource).resourceId(ANY).singleResult();
    }
}
