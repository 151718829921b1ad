package io.modelfleet.analysis.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class AnalysisDomainIsPureTest {

    @Test
    void templatesAndEvaluationUseNoFrameworkAndNoOtherArea() {
        noClasses().that().resideInAPackage("io.modelfleet.analysis.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..",
                        "io.vertx..", "io.fabric8..", "org.hibernate..", "com.fasterxml.jackson..",
                        "org.eclipse.microprofile..", "io.modelfleet.analysis.prometheus..", "io.modelfleet.api..",
                        "io.modelfleet.rollout..", "io.modelfleet.fleet..")
                .because("the analysis domain is pure: the engine's decision and the templates are tested without I/O")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.modelfleet.analysis"));
    }
}
