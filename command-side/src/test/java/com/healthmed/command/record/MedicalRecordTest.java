package com.healthmed.command.record;

import com.healthmed.schema.record.AccessDecision;
import com.healthmed.schema.record.AccessGrantedEvent;
import com.healthmed.schema.record.AccessRevokedEvent;
import com.healthmed.schema.record.AddDocumentCommand;
import com.healthmed.schema.record.AddMedicalReportCommand;
import com.healthmed.schema.record.DocumentAccessRefusedEvent;
import com.healthmed.schema.record.DocumentAccessedEvent;
import com.healthmed.schema.record.DocumentAddedEvent;
import com.healthmed.schema.record.DocumentGroup;
import com.healthmed.schema.record.DocumentRemovedEvent;
import com.healthmed.schema.record.EraseMedicalRecordCommand;
import com.healthmed.schema.record.MedicalRecordErasedEvent;
import com.healthmed.schema.record.GrantAccessCommand;
import com.healthmed.schema.record.RecordDocumentAccessCommand;
import com.healthmed.schema.record.RemoveDocumentCommand;
import com.healthmed.schema.record.RevokeAccessCommand;
import com.healthmed.schema.record.StoredDocument;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static com.healthmed.command.shared.Rejections.rejected;

class MedicalRecordTest {

    static final String PATIENT = "patient-1";
    static final String DOCTOR = "doctor-1";
    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    static final StoredDocument EXAM = document("exam-1", DocumentGroup.EXAMS);
    static final StoredDocument PRESCRIPTION = document("rx-1", DocumentGroup.PRESCRIPTIONS);

    private AggregateTestFixture<MedicalRecord> fixture;

    static StoredDocument document(String id, DocumentGroup group) {
        return new StoredDocument(id, "Title " + id, group, "application/pdf", id + ".pdf", 1234, "ab".repeat(32),
                "gridfs:" + id, null, NOW.minusSeconds(3600), PATIENT);
    }

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MedicalRecord.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static DocumentAddedEvent added(StoredDocument document) {
        return new DocumentAddedEvent(PATIENT, document);
    }

    static AccessGrantedEvent grant(String id, List<String> documents, List<DocumentGroup> groups, Instant until) {
        return new AccessGrantedEvent(PATIENT, id, DOCTOR, documents, groups, until);
    }

    @Test
    void documentsAreAddedOnceAndRemoved() {
        fixture.givenNoPriorActivity().when(new AddDocumentCommand(PATIENT, EXAM)).expectEvents(added(EXAM));
        fixture.given(added(EXAM)).when(new AddDocumentCommand(PATIENT, EXAM)).expectNoEvents();
        fixture.given(added(EXAM)).when(new RemoveDocumentCommand(PATIENT, "exam-1"))
                .expectEvents(new DocumentRemovedEvent(PATIENT, "exam-1", "gridfs:exam-1"));
        rejected(fixture.given(added(EXAM)).when(new RemoveDocumentCommand(PATIENT, "nope")), RejectionReason.NOT_FOUND);
    }

    @Test
    void grantsMustEndInTheFutureCoverSomethingAndNameOwnDocuments() {
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        fixture.given(added(EXAM))
                .when(new GrantAccessCommand(PATIENT, "g1", DOCTOR, List.of("exam-1"), List.of(), tomorrow))
                .expectEvents(grant("g1", List.of("exam-1"), List.of(), tomorrow));
        rejected(fixture.given(added(EXAM)).when(new GrantAccessCommand(PATIENT, "g1", DOCTOR, List.of("exam-1"),
                List.of(), NOW.minusSeconds(1))), RejectionReason.INVALID_GRANT);
        rejected(fixture.given(added(EXAM)).when(new GrantAccessCommand(PATIENT, "g1", DOCTOR, List.of(), List.of(),
                tomorrow)), RejectionReason.INVALID_GRANT);
        rejected(fixture.given(added(EXAM)).when(new GrantAccessCommand(PATIENT, "g1", DOCTOR, List.of("someone-elses"),
                List.of(), tomorrow)), RejectionReason.INVALID_GRANT);
    }

    @Test
    void aLiveGrantLetsItsDoctorReadWhatItCoversAndTheReadIsLogged() {
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        fixture.given(added(EXAM), added(PRESCRIPTION), grant("g1", List.of("exam-1"), List.of(), tomorrow))
                .when(new RecordDocumentAccessCommand(PATIENT, DOCTOR, "exam-1"))
                .expectEvents(new DocumentAccessedEvent(PATIENT, DOCTOR, "exam-1", List.of("g1")))
                .expectResultMessagePayload(new AccessDecision(true, List.of("g1"), List.of(EXAM)));
        fixture.given(added(EXAM), added(PRESCRIPTION), grant("g1", List.of("exam-1"), List.of(), tomorrow))
                .when(new RecordDocumentAccessCommand(PATIENT, DOCTOR, null))
                .expectEvents(new DocumentAccessedEvent(PATIENT, DOCTOR, null, List.of("g1")))
                .expectResultMessagePayload(new AccessDecision(true, List.of("g1"), List.of(EXAM)));
    }

    @Test
    void outOfScopeExpiredRevokedOrOtherDoctorsAreRefusedAndLogged() {
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        var scoped = grant("g1", List.of("exam-1"), List.of(), tomorrow);
        refused(new Object[]{added(EXAM), added(PRESCRIPTION), scoped}, DOCTOR, "rx-1");
        refused(new Object[]{added(EXAM), grant("g1", List.of("exam-1"), List.of(), NOW)}, DOCTOR, "exam-1");
        refused(new Object[]{added(EXAM), scoped, new AccessRevokedEvent(PATIENT, "g1")}, DOCTOR, "exam-1");
        refused(new Object[]{added(EXAM), scoped}, "doctor-2", "exam-1");
        refused(new Object[]{added(EXAM), scoped}, "doctor-2", null);
        refused(new Object[]{added(EXAM), scoped, new DocumentRemovedEvent(PATIENT, "exam-1", "gridfs:exam-1")},
                DOCTOR, "exam-1");
        refused(new Object[]{}, DOCTOR, null);
    }

    private void refused(Object[] history, String accessor, String documentId) {
        fixture.given(history)
                .when(new RecordDocumentAccessCommand(PATIENT, accessor, documentId))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DocumentAccessRefusedEvent(PATIENT, accessor, documentId))
                .expectResultMessagePayload(AccessDecision.refused());
    }

    @Test
    void aGroupGrantCoversDocumentsAddedLater() {
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        var later = document("exam-2", DocumentGroup.EXAMS);
        fixture.given(added(EXAM), grant("g1", List.of(), List.of(DocumentGroup.EXAMS), tomorrow), added(later),
                        added(PRESCRIPTION))
                .when(new RecordDocumentAccessCommand(PATIENT, DOCTOR, null))
                .expectResultMessagePayload(new AccessDecision(true, List.of("g1"), List.of(EXAM, later)));
    }

    @Test
    void revokingIsIdempotentAndNeedsAKnownGrant() {
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        var g = grant("g1", List.of("exam-1"), List.of(), tomorrow);
        fixture.given(added(EXAM), g).when(new RevokeAccessCommand(PATIENT, "g1"))
                .expectEvents(new AccessRevokedEvent(PATIENT, "g1"));
        fixture.given(added(EXAM), g, new AccessRevokedEvent(PATIENT, "g1")).when(new RevokeAccessCommand(PATIENT, "g1"))
                .expectNoEvents();
        rejected(fixture.given(added(EXAM)).when(new RevokeAccessCommand(PATIENT, "g9")), RejectionReason.NOT_FOUND);
    }

    @Test
    void erasureEndsLiveGrantsAndRemovesEveryDocumentOnce() {
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        fixture.given(added(EXAM), added(PRESCRIPTION), grant("g-1", List.of("exam-1"), List.of(), tomorrow),
                        grant("g-2", List.of(), List.of(DocumentGroup.PRESCRIPTIONS), tomorrow),
                        new AccessRevokedEvent(PATIENT, "g-2"))
                .when(new EraseMedicalRecordCommand(PATIENT))
                .expectEvents(new AccessRevokedEvent(PATIENT, "g-1"),
                        new DocumentRemovedEvent(PATIENT, "exam-1", "gridfs:exam-1"),
                        new DocumentRemovedEvent(PATIENT, "rx-1", "gridfs:rx-1"),
                        new MedicalRecordErasedEvent(PATIENT));
        fixture.given(added(EXAM), new DocumentRemovedEvent(PATIENT, "exam-1", "gridfs:exam-1"),
                        new MedicalRecordErasedEvent(PATIENT))
                .when(new EraseMedicalRecordCommand(PATIENT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anErasedRecordTakesNoNewDocumentReportOrGrantAndIsCreatedErasedIfItNeverExisted() {
        fixture.givenNoPriorActivity()
                .when(new EraseMedicalRecordCommand(PATIENT))
                .expectEvents(new MedicalRecordErasedEvent(PATIENT));
        rejected(fixture.given(new MedicalRecordErasedEvent(PATIENT)).when(new AddDocumentCommand(PATIENT, EXAM)),
                RejectionReason.PATIENT_ERASED);
        rejected(fixture.given(new MedicalRecordErasedEvent(PATIENT))
                .when(new AddMedicalReportCommand(PATIENT, DOCTOR, "appointment-1", EXAM)), RejectionReason.PATIENT_ERASED);
        rejected(fixture.given(new MedicalRecordErasedEvent(PATIENT))
                .when(new GrantAccessCommand(PATIENT, "g-1", DOCTOR, List.of(), List.of(DocumentGroup.EXAMS), NOW.plus(Duration.ofDays(1)))),
                RejectionReason.PATIENT_ERASED);
    }
}
