package com.healthmed.query.doctor;

import com.healthmed.schema.doctor.ConsultationPriceChangedEvent;
import com.healthmed.schema.doctor.DoctorProfileResponse;
import com.healthmed.schema.doctor.DoctorProfileUpdatedEvent;
import com.healthmed.schema.doctor.DoctorRegisteredEvent;
import com.healthmed.schema.doctor.DoctorStatus;
import com.healthmed.schema.doctor.DoctorVerifiedEvent;
import com.healthmed.schema.doctor.FindDoctorProfileQuery;
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
 * Doctors' profiles ({@code doctors} collection). Idempotent: every document remembers the aggregate
 * sequence number it reflects and ignores older or repeated events, so replays rebuild it exactly.
 */
@Component
@ProcessingGroup("doctor-profiles")
class DoctorProfileProjection {

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updates;

    DoctorProfileProjection(MongoTemplate mongo, QueryUpdateEmitter updates) {
        this.mongo = mongo;
        this.updates = updates;
    }

    @EventHandler
    void on(DoctorRegisteredEvent event, @SequenceNumber long sequence) {
        var document = new DoctorProfileDocument(event.doctorId(), event.name(), event.crm(), event.email(),
                event.specialties(), event.consultationPrice(), event.address(), event.location(),
                event.timeZone(), DoctorStatus.PENDING_VERIFICATION, sequence);
        mongo.save(document);
        emit(document.id());
    }

    @EventHandler
    void on(DoctorVerifiedEvent event, @SequenceNumber long sequence) {
        apply(event.doctorId(), sequence, new Update().set("status", DoctorStatus.VERIFIED));
    }

    @EventHandler
    void on(DoctorProfileUpdatedEvent event, @SequenceNumber long sequence) {
        apply(event.doctorId(), sequence, new Update()
                .set("name", event.name())
                .set("specialties", event.specialties())
                .set("address", event.address())
                .set("location", event.location())
                .set("timeZone", event.timeZone()));
    }

    @EventHandler
    void on(ConsultationPriceChangedEvent event, @SequenceNumber long sequence) {
        apply(event.doctorId(), sequence, new Update().set("consultationPrice", event.consultationPrice()));
    }

    @QueryHandler
    Optional<DoctorProfileResponse> handle(FindDoctorProfileQuery query) {
        return Optional.ofNullable(mongo.findById(query.doctorId(), DoctorProfileDocument.class))
                .map(DoctorProfileDocument::toResponse);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(DoctorProfileDocument.class);
    }

    /** Applies a change only if the document does not yet reflect this event (replays and redeliveries). */
    private void apply(String doctorId, long sequence, Update change) {
        var newer = query(where("_id").is(doctorId).and("version").lt(sequence));
        if (mongo.updateFirst(newer, change.set("version", sequence), DoctorProfileDocument.class)
                .getModifiedCount() > 0) {
            emit(doctorId);
        }
    }

    private void emit(String doctorId) {
        var document = mongo.findById(doctorId, DoctorProfileDocument.class);
        if (document != null) {
            updates.emit(FindDoctorProfileQuery.class, q -> q.doctorId().equals(doctorId),
                    document.toResponse());
        }
    }
}
