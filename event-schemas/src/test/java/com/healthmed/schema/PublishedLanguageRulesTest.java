package com.healthmed.schema;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The published language must stay free of infrastructure so every side can depend on it. */
class PublishedLanguageRulesTest {

    private final JavaClasses schemas = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("com.healthmed.schema");

    @Test
    void dependsOnNoSpringPersistenceOrMongoType() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "com.mongodb..", "org.bson..")
                .check(schemas);
    }

    @Test
    void messagesAreImmutableRecords() {
        classes().that().haveSimpleNameEndingWith("Command")
                .or().haveSimpleNameEndingWith("Event")
                .or().haveSimpleNameEndingWith("Query")
                .or().haveSimpleNameEndingWith("Response")
                .should().beRecords()
                .check(schemas);
    }

    @Test
    void eventsCarryARevision() {
        classes().that().haveSimpleNameEndingWith("Event")
                .should().beAnnotatedWith(org.axonframework.serialization.Revision.class)
                .check(schemas);
    }
}
