package com.healthmed.standalone;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The module boundaries of DESIGN.md §9, checked on the classes of all modules together. */
class ModuleBoundariesTest {

    private static final JavaClasses PLATFORM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.healthmed");

    @Test
    void theQuerySideNeverUsesTheCommandSide() {
        noClasses().that().resideInAPackage("com.healthmed.query..")
                .should().dependOnClassesThat().resideInAPackage("com.healthmed.command..")
                .check(PLATFORM);
    }

    @Test
    void theCommandSideNeverUsesTheQuerySide() {
        noClasses().that().resideInAPackage("com.healthmed.command..")
                .should().dependOnClassesThat().resideInAPackage("com.healthmed.query..")
                .check(PLATFORM);
    }

    @Test
    void theGatewayOnlyKnowsThePublishedLanguage() {
        noClasses().that().resideInAPackage("com.healthmed.gateway..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "com.healthmed.command..", "com.healthmed.query..", "com.healthmed.standalone..")
                .check(PLATFORM);
    }

    @Test
    void thePublishedLanguageDependsOnNoFramework() {
        noClasses().that().resideInAPackage("com.healthmed.schema..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "jakarta.persistence..",
                        "com.mongodb..", "org.bson..", "com.healthmed.command..", "com.healthmed.query..",
                        "com.healthmed.gateway..")
                .check(PLATFORM);
    }

    @Test
    void onlyTheCommandSideDecides() {
        noClasses().that().resideOutsideOfPackage("com.healthmed.command..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.axonframework.modelling.command.AggregateLifecycle")
                .check(PLATFORM);
    }
}
