package io.modelfleet.placement.domain;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The budget gate is decided without I/O: no framework, database, Kubernetes or other area's services. */
class BudgetDomainIsPureTest {

    @Test
    void theGateAndTheWindowUseNoFrameworkAndNoDatabase() {
        noClasses().that().resideInAPackage("io.modelfleet.placement.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..",
                        "io.vertx..", "io.fabric8..", "org.hibernate..", "org.eclipse.microprofile..",
                        "io.modelfleet.api..", "io.modelfleet.rollout..", "io.modelfleet.plans..",
                        "io.modelfleet.fleet.service..", "io.modelfleet.fleet.repository..",
                        "io.modelfleet.fleet.entity..", "io.modelfleet.placement")
                .because("placement.domain is pure (design 006): the gate is tested with exact instants, no I/O")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("io.modelfleet.placement"));
    }
}
