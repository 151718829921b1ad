package io.modelfleet.benchmarks.formats;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The parsers are a pure function of bytes, so the import service, a CLI or a test can use them alone. */
class FormatsArePureJavaTest {

    private static final String FORMATS = "io.modelfleet.benchmarks.formats..";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.modelfleet.benchmarks.formats");
    }

    @Test
    void theParsersUseNoFramework() {
        noClasses().that().resideInAPackage(FORMATS)
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "javax.persistence..",
                        "org.hibernate..", "io.fabric8..", "software.amazon..", "io.vertx..", "io.smallrye..",
                        "org.eclipse.microprofile..")
                .because("design 007: the format parsers are pure Java, with Jackson for JSON only")
                .check(classes);
    }

    @Test
    void theParsersUseNoOtherModelFleetPackage() {
        noClasses().that().resideInAPackage(FORMATS)
                .should().dependOnClassesThat(resideInAPackage("io.modelfleet..").and(resideOutsideOfPackage(FORMATS)))
                .because("the importer depends on the parsers, never the reverse")
                .check(classes);
    }
}
