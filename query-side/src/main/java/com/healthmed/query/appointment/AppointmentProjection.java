package com.healthmed.query.appointment;

import com.healthmed.schema.appointment.AppointmentAcceptedEvent;
import com.healthmed.schema.appointment.AppointmentCancelledEvent;
import com.healthmed.schema.appointment.AppointmentCompletedEvent;
import com.healthmed.schema.appointment.AppointmentNoShowEvent;
import com.healthmed.schema.appointment.AppointmentRatedEvent;
import com.healthmed.schema.appointment.AppointmentRating;
import com.healthmed.schema.appointment.AppointmentPageResponse;
import com.healthmed.schema.appointment.AppointmentRefusedEvent;
import com.healthmed.schema.appointment.AppointmentRequestExpiredEvent;
import com.healthmed.schema.appointment.AppointmentRequestedEvent;
import com.healthmed.schema.appointment.AppointmentResponse;
import com.healthmed.schema.appointment.AppointmentStatus;
import com.healthmed.schema.appointment.FindAppointmentQuery;
import com.healthmed.schema.appointment.FindAppointmentsQuery;
import com.healthmed.schema.appointment.Participant;
import com.healthmed.schema.appointment.TeleconsultationRoomAssignedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Appointments as their participants see them ({@code appointments}). Idempotent: each document remembers
 * the aggregate sequence number it reflects.
 */
@Component
@ProcessingGroup("appointments")
class AppointmentProjection {

    private final MongoTemplate mongo;
    private final QueryUpdateEmitter updates;

    AppointmentProjection(MongoTemplate mongo, QueryUpdateEmitter updates) {
        this.mongo = mongo;
        this.updates = updates;
    }

    @EventHandler
    void on(AppointmentRequestedEvent event, @SequenceNumber long sequence) {
        var requested = new AppointmentDocument(event.appointmentId(), event.doctorId(), event.patientId(),
                asStored(event.start()), asStored(event.end()), event.price(), AppointmentStatus.REQUESTED,
                asStored(event.answerBy()), null, null, null, null, null, sequence);
        try {
            mongo.insert(requested);
        } catch (DuplicateKeyException alreadyProjected) {
            return; // a redelivery: the document may already show later events, which it must keep
        }
        emit(requested);
    }

    @EventHandler
    void on(TeleconsultationRoomAssignedEvent event, @SequenceNumber long sequence) {
        change(event.appointmentId(), sequence, new Update().set("roomName", event.roomName()));
    }

    @EventHandler
    void on(AppointmentAcceptedEvent event, @SequenceNumber long sequence) {
        change(event.appointmentId(), sequence, new Update().set("status", AppointmentStatus.CONFIRMED));
    }

    @EventHandler
    void on(AppointmentRefusedEvent event, @SequenceNumber long sequence) {
        change(event.appointmentId(), sequence, new Update().set("status", AppointmentStatus.REFUSED)
                .set("refusalReason", event.reason()));
    }

    @EventHandler
    void on(AppointmentCancelledEvent event, @SequenceNumber long sequence) {
        change(event.appointmentId(), sequence, new Update().set("status", AppointmentStatus.CANCELLED)
                .set("cancelledBy", event.cancelledBy()).set("cancellationJustification", event.justification()));
    }

    @EventHandler
    void on(AppointmentRequestExpiredEvent event, @SequenceNumber long sequence) {
        change(event.appointmentId(), sequence, new Update().set("status", AppointmentStatus.EXPIRED));
    }

    @EventHandler
    void on(AppointmentCompletedEvent event, @SequenceNumber long sequence) {
        change(event.appointmentId(), sequence, new Update().set("status", AppointmentStatus.COMPLETED));
    }

    @EventHandler
    void on(AppointmentNoShowEvent event, @SequenceNumber long sequence) {
        change(event.appointmentId(), sequence, new Update().set("status", AppointmentStatus.NO_SHOW));
    }

    /** A rated consultation shows status RATED and its rating. */
    @EventHandler
    void on(AppointmentRatedEvent event, @SequenceNumber long sequence, @Timestamp Instant ratedAt) {
        change(event.appointmentId(), sequence, new Update().set("status", AppointmentStatus.RATED)
                .set("rating", new AppointmentRating(event.stars(), event.comment(), ratedAt)));
    }

    @QueryHandler
    Optional<AppointmentResponse> handle(FindAppointmentQuery query) {
        return Optional.ofNullable(mongo.findById(query.appointmentId(), AppointmentDocument.class))
                .map(AppointmentDocument::toResponse);
    }

    @QueryHandler
    AppointmentPageResponse handle(FindAppointmentsQuery query) {
        Criteria criteria = where(query.as() == Participant.DOCTOR ? "doctorId" : "patientId").is(query.userId());
        if (query.status() != null) {
            criteria = criteria.and("status").is(query.status());
        }
        long total = mongo.count(new Query(criteria), AppointmentDocument.class);
        var page = new Query(criteria).with(Sort.by(Sort.Order.desc("start"), Sort.Order.asc("_id")))
                .skip((long) query.page() * query.size()).limit(query.size());
        var items = mongo.find(page, AppointmentDocument.class).stream().map(AppointmentDocument::toResponse).toList();
        return new AppointmentPageResponse(items, query.page(), query.size(), total);
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(AppointmentDocument.class);
    }

    private void change(String appointmentId, long sequence, Update change) {
        var newer = query(where("_id").is(appointmentId).and("version").lt(sequence));
        if (mongo.updateFirst(newer, change.set("version", sequence), AppointmentDocument.class).getModifiedCount() > 0
                && awaited(appointmentId)) {
            var changed = mongo.findById(appointmentId, AppointmentDocument.class);
            if (changed != null) {
                emit(changed);
            }
        }
    }

    /**
     * Whether a subscription on this node waits for the appointment (a request reading its own write): only then is
     * the changed document read back to be sent. A subscription registered after this check runs its initial query
     * after registering, so it reads the document already changed above.
     */
    private boolean awaited(String appointmentId) {
        return updates.activeSubscriptions().stream().anyMatch(subscription ->
                subscription.getPayload() instanceof FindAppointmentQuery query
                        && query.appointmentId().equals(appointmentId));
    }

    /** MongoDB keeps dates to the millisecond: what subscribers are sent must equal what a later read returns. */
    private static Instant asStored(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private void emit(AppointmentDocument document) {
        updates.emit(FindAppointmentQuery.class, q -> q.appointmentId().equals(document.id()), document.toResponse());
    }
}
