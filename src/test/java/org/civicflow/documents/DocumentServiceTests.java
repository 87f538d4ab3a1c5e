package org.civicflow.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.civicflow.support.Api;
import org.civicflow.support.CivicFlowTest;
import org.civicflow.support.TestUsers;
import org.civicflow.system.Groups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Rendering, archiving and serving notices to those who may see their process instance. */
@CivicFlowTest
class DocumentServiceTests {

    @Autowired
    DocumentService documents;
    @Autowired
    Api api;
    @Autowired
    TestUsers users;
    @Autowired
    RepositoryService repositoryService;
    @Autowired
    RuntimeService runtimeService;
    @Autowired
    AuthorizationService authorizationService;
    @Autowired
    JdbcTemplate jdbc;

    ProcessInstance instance;

    @BeforeEach
    void instance() {
        users.create("docbureau", Groups.BUREAU);
        users.create("docprovider", Groups.PROVIDER);
        if (repositoryService.createProcessDefinitionQuery().processDefinitionKey("documentProbe").count() == 0) {
            repositoryService.createDeployment().name("document-probe")
                    .addModelInstance("documentProbe.bpmn", Bpmn.createExecutableProcess("documentProbe")
                            .camundaHistoryTimeToLive(5479).startEvent().userTask().endEvent().done())
                    .deploy();
        }
        instance = runtimeService.startProcessInstanceByKey("documentProbe", "CALL-2020-FS");
    }

    private String archive(String projectTitle) {
        return documents.archive("TEST_NOTICE", "test-notice", "测试通知书",
                new ProcessRef(instance.getId(), "documentProbe", instance.getBusinessKey()),
                Map.of("organizationName", "房山区阳光社会工作事务所", "projectTitle", projectTitle));
    }

    @Test
    void archivesRenderedChineseHtmlWithItsProcessInstanceAndBusinessKey() {
        String id = archive("老年人心理关怀");

        ArchivedDocument document = documents.find(id).orElseThrow();
        assertThat(document.getProcessInstanceId()).isEqualTo(instance.getId());
        assertThat(document.getBusinessKey()).isEqualTo("CALL-2020-FS");
        assertThat(document.getKind()).isEqualTo("TEST_NOTICE");
        assertThat(document.getHtml())
                .contains("<html lang=\"zh-CN\">")
                .contains("<h1>测试通知书</h1>")
                .contains("致：房山区阳光社会工作事务所")
                .contains("项目名称：老年人心理关怀")
                .containsPattern("\\d{4}年\\d{1,2}月\\d{1,2}日");
    }

    @Test
    void escapesDataSoThatMarkupFromFormsIsShownNotRun() {
        String id = archive("<script>alert(1)</script>${7*7}");

        String html = documents.find(id).orElseThrow().getHtml();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;").contains("${7*7}").doesNotContain(">49<");
    }

    @Test
    void servesTheDocumentAsHtmlToTheBureau() {
        String id = archive("社区治理创新");

        Api.Response response = api.as("docbureau").get("/api/documents/" + id);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/html").containsIgnoringCase("charset=UTF-8");
        assertThat(response.body()).contains("项目名称：社区治理创新");
    }

    @Test
    void refusesAUserWhoMayNotSeeTheProcessInstanceUntilCamundaGrantsIt() {
        String id = archive("社区治理创新");
        assertThat(api.as("docprovider").get("/api/documents/" + id).status()).isEqualTo(403);
        assertThat(api.as("docprovider").get("/api/documents?processInstanceId=" + instance.getId()).json()).isEmpty();

        Authorization grant = authorizationService.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        grant.setUserId("docprovider");
        grant.setResource(Resources.PROCESS_INSTANCE);
        grant.setResourceId(instance.getId());
        grant.addPermission(Permissions.READ);
        authorizationService.saveAuthorization(grant);

        assertThat(api.as("docprovider").get("/api/documents/" + id).status()).isEqualTo(200);
        assertThat(api.as("docprovider").get("/api/documents?processInstanceId=" + instance.getId()).json())
                .anySatisfy(d -> assertThat(d.path("id").asText()).isEqualTo(id));
    }

    @Test
    void answersUnknownDocumentsWith404AndAnonymousRequestsWith401() {
        Api.Response unknown = api.as("docbureau").get("/api/documents/00000000-0000-0000-0000-000000000000");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(api.anonymous().get("/api/documents/" + archive("x")).status()).isEqualTo(401);
    }

    @Test
    void aTemplateErrorArchivesNothing() {
        long before = jdbc.queryForObject("select count(*) from archived_document", Long.class);
        try {
            documents.archive("TEST_NOTICE", "test-notice", "缺少数据", new ProcessRef(instance.getId(), "documentProbe", null),
                    Map.of("organizationName", "只有机构名称"));
        } catch (IllegalStateException expected) {
            assertThat(expected).hasMessageContaining("test-notice");
        }
        assertThat(jdbc.queryForObject("select count(*) from archived_document", Long.class)).isEqualTo(before);
    }
}
