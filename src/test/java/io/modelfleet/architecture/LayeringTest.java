package io.modelfleet.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering DESIGN.md asks for, checked on the compiled classes. */
class LayeringTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.modelfleet");
    }

    @Test
    void resourcesNeverTouchEntitiesOrRepositories() {
        noClasses().that().resideInAPackage("..rest..")
                .should().dependOnClassesThat().resideInAnyPackage("..entity..", "..repository..")
                .because("entities never reach the wire; resources go through services")
                .check(classes);
    }

    @Test
    void dtosDoNotDependOnEntities() {
        noClasses().that().resideInAPackage("..dto..")
                .should().dependOnClassesThat().resideInAnyPackage("..entity..", "..repository..", "..service..")
                .check(classes);
    }

    @Test
    void sharedApiLayerDoesNotDependOnFeaturePackages() {
        noClasses().that().resideInAPackage("io.modelfleet.api")
                .should().dependOnClassesThat().resideInAnyPackage("io.modelfleet.catalog..", "io.modelfleet.fleet..")
                .check(classes);
    }

    @Test
    void planningIsPureJava() {
        noClasses().that().resideInAPackage("io.modelfleet.planning..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "javax.persistence..",
                        "org.hibernate..", "io.fabric8..", "software.amazon..", "io.vertx..", "io.smallrye..",
                        "com.fasterxml.jackson..", "org.eclipse.microprofile..")
                .because("planning is a pure function of a snapshot: no framework, database, Kubernetes or AWS")
                .check(classes);
        noClasses().that().resideInAPackage("io.modelfleet.planning..")
                .should().dependOnClassesThat().resideInAnyPackage("io.modelfleet.api..", "io.modelfleet.fleet..",
                        "io.modelfleet.plans..", "io.modelfleet.catalog.entity..", "io.modelfleet.catalog.service..",
                        "io.modelfleet.catalog.repository..", "io.modelfleet.catalog.dto..", "io.modelfleet.db..")
                .because("the only application types planning may use are the catalog's plain enums")
                .check(classes);
    }

    @Test
    void fleetDoesNotDependOnRolloutsOrPlans() {
        noClasses().that().resideInAPackage("io.modelfleet.fleet..")
                .should().dependOnClassesThat().resideInAnyPackage("io.modelfleet.rollout..", "io.modelfleet.plans..")
                .because("data flows one way: rollouts apply plans of the fleet; the fleet reads rollout tables by SQL")
                .check(classes);
    }

    @Test
    void catalogDoesNotDependOnFleet() {
        noClasses().that().resideInAPackage("io.modelfleet.catalog..")
                .and().doNotHaveSimpleName("HardwareProfileRepository")
                .should().dependOnClassesThat().resideInAPackage("io.modelfleet.fleet..")
                .because("data flows one way: the fleet refers to the catalog, not the reverse")
                .check(classes);
    }
}
