package io.modelfleet.loadgen;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * target/modelfleet-loadgen.jar packs io/modelfleet/loadgen/** with ONNX Runtime and Jackson only (pom.xml, shade
 * execution modelfleet-loadgen), so any other dependency would compile here and fail in the Job with a
 * NoClassDefFoundError.
 */
class LoadGeneratorPackagingTest {

    private static final JavaClasses LOADGEN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.modelfleet.loadgen");

    @Test
    void loadGeneratorUsesOnlyTheJdkOnnxRuntimeAndJackson() {
        classes().that().resideInAPackage("io.modelfleet.loadgen..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.modelfleet.loadgen..", "java..",
                        "ai.onnxruntime..", "com.fasterxml.jackson..")
                .because("the shaded jar holds nothing else")
                .check(LOADGEN);
    }
}
