package org.civicflow.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.Resource;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.civicflow.support.CivicFlowTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** processes/ and forms/ are really deployed, .form files included, and every form reference resolves. */
@CivicFlowTest
class DeploymentTests {

    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";

    @Autowired
    RepositoryService repositoryService;

    private static List<Path> files(String folder, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(Path.of(folder))) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        }
    }

    private Set<String> deployedResourceNames() {
        return repositoryService.createDeploymentQuery().list().stream()
                .flatMap(d -> repositoryService.getDeploymentResources(d.getId()).stream())
                .map(Resource::getName)
                .map(name -> Path.of(name).getFileName().toString())
                .collect(Collectors.toSet());
    }

    @Test
    void everyModelAndFormIsDeployed() throws IOException {
        List<Path> shipped = Stream.concat(files("processes", ".bpmn").stream(), files("forms", ".form").stream()).toList();
        assertThat(shipped).extracting(p -> p.getFileName().toString())
                .contains("call-for-proposals.bpmn", "project-application.bpmn", "application-start.form");
        assertThat(deployedResourceNames()).containsAll(shipped.stream().map(p -> p.getFileName().toString()).toList());
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("callForProposals").count()).isOne();
        assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("projectApplication").count()).isOne();
    }

    @Test
    void everyFormReferenceNamesAShippedFormWithDeploymentBinding() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Set<String> formIds = new java.util.HashSet<>();
        for (Path form : files("forms", ".form")) {
            String id = json.readTree(form.toFile()).path("id").asText();
            assertThat(form.getFileName().toString()).isEqualTo(id + ".form");
            formIds.add(id);
        }
        for (Path model : files("processes", ".bpmn")) {
            var instance = Bpmn.readModelFromFile(model.toFile());
            Stream.concat(instance.getModelElementsByType(UserTask.class).stream(),
                            instance.getModelElementsByType(StartEvent.class).stream())
                    .map(e -> (ModelElementInstance) e)
                    .filter(e -> e.getAttributeValueNs(CAMUNDA_NS, "formRef") != null)
                    .forEach(e -> {
                        assertThat(formIds).as(model + " " + e.getAttributeValue("id"))
                                .contains(e.getAttributeValueNs(CAMUNDA_NS, "formRef"));
                        assertThat(e.getAttributeValueNs(CAMUNDA_NS, "formRefBinding")).isEqualTo("deployment");
                    });
        }
    }
}
