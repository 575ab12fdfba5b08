package com.healthmed.query.patient;

import com.healthmed.schema.patient.FindPatientProfileQuery;
import com.healthmed.schema.patient.PatientProfileResponse;
import com.healthmed.schema.patient.PatientErasedEvent;
import com.healthmed.schema.patient.PatientProfileUpdatedEvent;
import com.healthmed.schema.patient.PatientRegisteredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Patients' own profiles ({@code patients} collection). Idempotent: every document remembers the
 * aggregate sequence number it reflects and ignores older or repeated events, so replays rebuild it exactly.
 */
@Component
@ProcessingGroup("patient-profiles")
class PatientProfileProjection {

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updates;

    PatientProfileProjection(MongoTemplate mongo, QueryUpdateEmitter updates) {
        this.mongo = mongo;
        this.updates = updates;
    }

    @EventHandler
    void on(PatientRegisteredEvent event, @SequenceNumber long sequence) {
        var document = new PatientProfileDocument(event.patientId(), event.name(), event.cpf(), event.email(),
                event.phone(), event.birthDate(), event.city(), event.state(), event.location(), sequence, false);
        mongo.save(document);
        emit(document);
    }

    /**
     * Read and written by {@code _id} only (the embedded store scans for any other query, DESIGN §10); the version
     * check in between is safe because a processing group handles one patient's events one at a time, in order.
     */
    @EventHandler
    void on(PatientProfileUpdatedEvent event, @SequenceNumber long sequence) {
        var current = mongo.findById(event.patientId(), PatientProfileDocument.class);
        if (current == null || current.version() >= sequence) {
            return;
        }
        var byId = query(where("_id").is(event.patientId()));
        var change = new Update()
                .set("name", event.name())
                .set("phone", event.phone())
                .set("city", event.residence().city())
                .set("state", event.residence().state())
                .set("location", event.location())
                .set("version", sequence);
        if (mongo.updateFirst(byId, change, PatientProfileDocument.class).getModifiedCount() > 0) {
            emit(mongo.findById(event.patientId(), PatientProfileDocument.class));
        }
    }

    /** LGPD: the profile keeps its id and city (the doctor's agenda and analysts are pseudonymous), nothing personal. */
    @EventHandler
    void on(PatientErasedEvent event, @SequenceNumber long sequence) {
        var current = mongo.findById(event.patientId(), PatientProfileDocument.class);
        if (current == null || current.version() >= sequence) {
            return;
        }
        var erased = new PatientProfileDocument(current.id(), null, null, null, null, null, current.city(), current.state(),
                null, sequence, true);
        mongo.save(erased);
        emit(erased);
    }

    @QueryHandler
    Optional<PatientProfileResponse> handle(FindPatientProfileQuery query) {
        return Optional.ofNullable(mongo.findById(query.patientId(), PatientProfileDocument.class))
                .map(PatientProfileDocument::toResponse);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(PatientProfileDocument.class);
    }

    private void emit(PatientProfileDocument document) {
        if (document != null) {
            updates.emit(FindPatientProfileQuery.class, q -> q.patientId().equals(document.id()),
                    document.toResponse());
        }
    }
}
