package com.healthmed.command.record;

import com.healthmed.command.shared.CommandRejectedException;
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
import com.healthmed.schema.record.GrantAccessCommand;
import com.healthmed.schema.record.MedicalRecordId;
import com.healthmed.schema.record.MedicalRecordErasedEvent;
import com.healthmed.schema.record.MedicalReportAddedEvent;
import com.healthmed.schema.record.RecordDocumentAccessCommand;
import com.healthmed.schema.record.RemoveDocumentCommand;
import com.healthmed.schema.record.RevokeAccessCommand;
import com.healthmed.schema.record.StoredDocument;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A patient's health record: document metadata (the bytes live encrypted outside the event store), the
 * grants that share documents or groups with a doctor until an instant, and the log of every access by
 * someone else. Every read by a non-owner goes through {@link RecordDocumentAccessCommand}, so the decision
 * is taken against the grants as they are at that instant (a revocation is effective at once) and is
 * logged in the same step, whether granted or refused.
 */
@Aggregate
class MedicalRecord {

    @AggregateIdentifier
    private String recordId;
    private final Map<String, StoredDocument> documents = new LinkedHashMap<>();
    private final Map<String, Grant> grants = new LinkedHashMap<>();
    /** The owner was erased: nothing new may enter (it would be personal data under a destroyed key). */
    private boolean erased;

    record Grant(String doctorId, Set<String> documentIds, Set<DocumentGroup> groups, Instant validUntil,
                 boolean revoked) {

        boolean liveFor(String accessorId, Instant now) {
            return !revoked && doctorId.equals(accessorId) && now.isBefore(validUntil);
        }

        boolean covers(StoredDocument document) {
            return documentIds.contains(document.documentId()) || groups.contains(document.group());
        }
    }

    MedicalRecord() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AddDocumentCommand command) {
        refuseIfErased(command.patientId());
        if (!documents.containsKey(command.document().documentId())) {
            apply(new DocumentAddedEvent(command.patientId(), command.document()));
        }
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(AddMedicalReportCommand command) {
        refuseIfErased(command.patientId());
        if (!documents.containsKey(command.document().documentId())) {
            apply(new MedicalReportAddedEvent(command.patientId(), command.doctorId(), command.appointmentId(),
                    command.document()));
        }
    }

    @CommandHandler
    void handle(RemoveDocumentCommand command) {
        StoredDocument document = documents.get(command.documentId());
        if (document == null) {
            throw new CommandRejectedException(RejectionReason.NOT_FOUND, "No document " + command.documentId() + ".");
        }
        apply(new DocumentRemovedEvent(command.patientId(), command.documentId(), document.storageRef()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(GrantAccessCommand command, Clock clock) {
        refuseIfErased(command.patientId());
        if (command.validUntil() == null || !command.validUntil().isAfter(clock.instant())) {
            throw invalidGrant("A grant must end in the future.");
        }
        List<String> documentIds = command.documentIds() == null ? List.of() : command.documentIds();
        List<DocumentGroup> groups = command.groups() == null ? List.of() : command.groups();
        if (documentIds.isEmpty() && groups.isEmpty()) {
            throw invalidGrant("Share at least one document or group.");
        }
        List<String> unknown = documentIds.stream().filter(id -> !documents.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw new CommandRejectedException(RejectionReason.INVALID_GRANT,
                    "Not documents of your record: " + String.join(", ", unknown) + ".", unknown);
        }
        if (grants.containsKey(command.grantId())) {
            throw invalidGrant("Grant " + command.grantId() + " already exists.");
        }
        apply(new AccessGrantedEvent(command.patientId(), command.grantId(), command.doctorId(), List.copyOf(documentIds),
                List.copyOf(groups), command.validUntil()));
    }

    @CommandHandler
    void handle(RevokeAccessCommand command) {
        Grant grant = grants.get(command.grantId());
        if (grant == null) {
            throw new CommandRejectedException(RejectionReason.NOT_FOUND, "No grant " + command.grantId() + ".");
        }
        if (!grant.revoked()) {
            apply(new AccessRevokedEvent(command.patientId(), command.grantId()));
        }
    }

    /**
     * LGPD erasure of the owner: every grant ends, every document leaves, and the record refuses anything new
     * (created erased if the patient never had one). Repeating it changes nothing.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(EraseMedicalRecordCommand command) {
        if (erased) {
            return;
        }
        grants.entrySet().stream().filter(grant -> !grant.getValue().revoked()).map(Map.Entry::getKey).toList()
                .forEach(grantId -> apply(new AccessRevokedEvent(command.patientId(), grantId)));
        List.copyOf(documents.values()).forEach(document ->
                apply(new DocumentRemovedEvent(command.patientId(), document.documentId(), document.storageRef())));
        apply(new MedicalRecordErasedEvent(command.patientId()));
    }

    private void refuseIfErased(String patientId) {
        if (erased) {
            throw new CommandRejectedException(RejectionReason.PATIENT_ERASED,
                    "Patient " + patientId + " was erased: their record takes no new documents.");
        }
    }

    /** Decides and logs; a refusal is an answer (and an event), never an exception, so it is always recorded. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    AccessDecision handle(RecordDocumentAccessCommand command, Clock clock) {
        Instant now = clock.instant();
        List<Map.Entry<String, Grant>> live = grants.entrySet().stream()
                .filter(g -> g.getValue().liveFor(command.accessorId(), now))
                .toList();
        List<StoredDocument> visible = documents.values().stream()
                .filter(d -> command.documentId() == null || d.documentId().equals(command.documentId()))
                .filter(d -> live.stream().anyMatch(g -> g.getValue().covers(d)))
                .toList();
        boolean granted = command.documentId() == null ? !live.isEmpty() : !visible.isEmpty();
        if (!granted) {
            apply(new DocumentAccessRefusedEvent(command.patientId(), command.accessorId(), command.documentId()));
            return AccessDecision.refused();
        }
        List<String> grantIds = live.stream()
                .filter(g -> command.documentId() == null || visible.stream().anyMatch(d -> g.getValue().covers(d)))
                .map(Map.Entry::getKey)
                .toList();
        apply(new DocumentAccessedEvent(command.patientId(), command.accessorId(), command.documentId(), grantIds));
        return new AccessDecision(true, grantIds, visible);
    }

    private static CommandRejectedException invalidGrant(String detail) {
        return new CommandRejectedException(RejectionReason.INVALID_GRANT, detail);
    }

    private void own(String patientId) {
        if (recordId == null) {
            recordId = MedicalRecordId.of(patientId);
        }
    }

    @EventSourcingHandler
    void on(DocumentAddedEvent event) {
        own(event.patientId());
        documents.put(event.document().documentId(), event.document());
    }

    @EventSourcingHandler
    void on(MedicalReportAddedEvent event) {
        own(event.patientId());
        documents.put(event.document().documentId(), event.document());
    }

    @EventSourcingHandler
    void on(MedicalRecordErasedEvent event) {
        own(event.patientId());
        erased = true;
    }

    @EventSourcingHandler
    void on(DocumentRemovedEvent event) {
        documents.remove(event.documentId());
    }

    @EventSourcingHandler
    void on(AccessGrantedEvent event) {
        own(event.patientId());
        grants.put(event.grantId(), new Grant(event.doctorId(), Set.copyOf(event.documentIds()),
                Set.copyOf(event.groups()), event.validUntil(), false));
    }

    @EventSourcingHandler
    void on(AccessRevokedEvent event) {
        grants.computeIfPresent(event.grantId(), (id, g) ->
                new Grant(g.doctorId(), g.documentIds(), g.groups(), g.validUntil(), true));
    }

    @EventSourcingHandler
    void on(DocumentAccessedEvent event) {
        own(event.patientId());
    }

    @EventSourcingHandler
    void on(DocumentAccessRefusedEvent event) {
        own(event.patientId());
    }
}
