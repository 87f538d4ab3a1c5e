package org.civicflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;

/**
 * One top-level package per stage, no cycles between them, and no reaching into another stage's
 * internals (spring-modulith's verification).
 */
class ModuleStructureTests {

    static final Set<String> STAGES = Set.of("call", "application", "tender", "contract", "registry", "documents",
            "system");

    private final ApplicationModules modules = ApplicationModules.of(CivicFlowApplication.class);

    @Test
    void modulesAreOnlyTheStagesOfTheLifecycle() {
        assertThat(modules.stream().map(ApplicationModule::getName)).isSubsetOf(STAGES)
                .contains("registry", "documents", "system");
    }

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApi() {
        modules.verify();
    }
}
