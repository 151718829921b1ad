package io.modelfleet.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The CLI ships as a plain jar (target/modelfleet-cli.jar) holding only its own package and its libraries. */
class CliArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.modelfleet");
    }

    @Test
    void theCliUsesOnlyTheJdkJacksonPicocliAndItself() {
        classes().that().resideInAPackage("io.modelfleet.cli..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.net..",
                        "com.fasterxml.jackson..", "picocli..", "io.modelfleet.cli..")
                .because("the CLI talks to the public HTTP API only and runs without Quarkus, CDI or the server's"
                        + " classes, which its jar does not contain")
                .check(classes);
    }

    @Test
    void theServerDoesNotDependOnTheCli() {
        noClasses().that().resideInAPackage("io.modelfleet..").and().resideOutsideOfPackage("io.modelfleet.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.modelfleet.cli..")
                .because("the CLI is a client of the API, packaged apart")
                .check(classes);
    }
}
