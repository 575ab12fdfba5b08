package com.healthmed.query.agenda;

import com.healthmed.query.agenda.AgendaWindowDocument.BookedInterval;
import com.healthmed.schema.doctor.DoctorProfileResponse;
import com.healthmed.schema.doctor.DoctorStatus;
import com.healthmed.schema.doctor.FindDoctorProfileQuery;
import com.healthmed.schema.scheduling.AvailabilityPublishedEvent;
import com.healthmed.schema.scheduling.AvailabilityRevisedEvent;
import com.healthmed.schema.scheduling.AvailabilityWindowResponse;
import com.healthmed.schema.scheduling.AvailabilityWithdrawnEvent;
import com.healthmed.schema.scheduling.DoctorAgendaResponse;
import com.healthmed.schema.scheduling.DoctorAgendaResponse.FreeSlot;
import com.healthmed.schema.scheduling.FindDoctorAgendaQuery;
import com.healthmed.schema.scheduling.FindDoctorWindowsQuery;
import com.healthmed.schema.scheduling.ScheduleHistoryPrunedEvent;
import com.healthmed.schema.scheduling.SlotBookedEvent;
import com.healthmed.schema.scheduling.SlotReleasedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The doctors' agendas ({@code doctor_agenda}: one document per window with its active bookings). Free slots
 * are derived on reading: the window's grid minus booked intervals, minus what can no longer be booked.
 * Idempotent: windows are keyed by id, bookings by appointment id.
 */
@Component
@ProcessingGroup("doctor-agenda")
@EnableConfigurationProperties(AgendaPolicy.class)
class DoctorAgendaProjection {

    private final MongoTemplate mongo;
    private final QueryGateway queries;
    private final AgendaPolicy policy;
    private final Clock clock;
    private final QueryUpdateEmitter updates;

    DoctorAgendaProjection(MongoTemplate mongo, QueryGateway queries, AgendaPolicy policy,
                           org.springframework.beans.factory.ObjectProvider<Clock> clock, QueryUpdateEmitter updates) {
        this.updates = updates;
        this.mongo = mongo;
        this.queries = queries;
        this.policy = policy;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @EventHandler
    void on(AvailabilityPublishedEvent event) {
        mongo.save(new AgendaWindowDocument(event.windowId(), event.doctorId(), event.start(), event.end(),
                event.slotMinutes(), event.bufferMinutes(), List.of()));
        emitWindows(event.doctorId());
    }

    @EventHandler
    void on(AvailabilityRevisedEvent event) {
        mongo.updateFirst(query(where("_id").is(event.windowId())), new Update()
                .set("start", event.start()).set("end", event.end())
                .set("slotMinutes", event.slotMinutes()).set("bufferMinutes", event.bufferMinutes()),
                AgendaWindowDocument.class);
        emitWindows(event.doctorId());
    }

    @EventHandler
    void on(AvailabilityWithdrawnEvent event) {
        mongo.remove(query(where("_id").is(event.windowId())), AgendaWindowDocument.class);
        emitWindows(event.doctorId());
    }

    /** The doctor's window list, to whoever waits for it (the gateway, right after the doctor changed it). */
    private void emitWindows(String doctorId) {
        var query = new FindDoctorWindowsQuery(doctorId);
        boolean watched = updates.activeSubscriptions().stream().anyMatch(s -> query.equals(s.getPayload()));
        if (watched) {
            updates.emit(FindDoctorWindowsQuery.class, query::equals, handle(query));
        }
    }

    @EventHandler
    void on(SlotBookedEvent event) {
        var notYetThere = query(where("_id").is(event.windowId()).and("bookings.appointmentId").ne(event.appointmentId()));
        mongo.updateFirst(notYetThere, new Update().push("bookings",
                new BookedInterval(event.appointmentId(), event.start(), event.end())), AgendaWindowDocument.class);
    }

    @EventHandler
    void on(SlotReleasedEvent event) {
        mongo.updateMulti(query(where("doctorId").is(event.doctorId()).and("bookings.appointmentId").is(event.appointmentId())),
                new Update().pull("bookings", new org.bson.Document("appointmentId", event.appointmentId())),
                AgendaWindowDocument.class);
    }

    /**
     * Windows the schedule retired have no bookable slot left: their documents go, so the collection holds the
     * doctors' current windows, not every window ever published. (Ended bookings inside a window that is still
     * running stay until the window goes: they cannot overlap a bookable slot.)
     */
    @EventHandler
    void on(ScheduleHistoryPrunedEvent event) {
        for (String windowId : event.windowIds()) {
            mongo.remove(query(where("_id").is(windowId)), AgendaWindowDocument.class);
        }
    }

    @QueryHandler
    Optional<DoctorAgendaResponse> handle(FindDoctorAgendaQuery query) {
        Optional<DoctorProfileResponse> doctor = queries.query(new FindDoctorProfileQuery(query.doctorId()),
                ResponseTypes.optionalInstanceOf(DoctorProfileResponse.class)).join();
        if (doctor.isEmpty() || doctor.get().status() != DoctorStatus.VERIFIED) {
            return Optional.empty();
        }
        Instant bookableFrom = clock.instant().plus(policy.minimumNotice());
        Instant from = query.from().isAfter(bookableFrom) ? query.from() : bookableFrom;
        var windows = mongo.find(query(where("doctorId").is(query.doctorId())
                        .and("end").gt(from).and("start").lt(query.to())).with(Sort.by("start")),
                AgendaWindowDocument.class);
        List<FreeSlot> slots = new ArrayList<>();
        for (AgendaWindowDocument window : windows) {
            Duration slot = Duration.ofMinutes(window.slotMinutes());
            Duration step = slot.plusMinutes(window.bufferMinutes());
            for (Instant start = window.start(); !start.plus(slot).isAfter(window.end()); start = start.plus(step)) {
                Instant end = start.plus(slot);
                if (!start.isBefore(from) && start.isBefore(query.to()) && free(window, start, end)) {
                    slots.add(new FreeSlot(start, end));
                }
            }
        }
        var profile = doctor.get();
        return Optional.of(new DoctorAgendaResponse(profile.id(), profile.timeZone(), profile.consultationPrice(), slots));
    }

    private static boolean free(AgendaWindowDocument window, Instant start, Instant end) {
        return window.bookings().stream().noneMatch(b -> b.start().isBefore(end) && start.isBefore(b.end()));
    }

    @QueryHandler
    List<AvailabilityWindowResponse> handle(FindDoctorWindowsQuery query) {
        return mongo.find(query(where("doctorId").is(query.doctorId()).and("end").gt(clock.instant()))
                        .with(Sort.by("start")), AgendaWindowDocument.class).stream()
                .map(w -> new AvailabilityWindowResponse(w.id(), w.start(), w.end(), w.slotMinutes(), w.bufferMinutes()))
                .toList();
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(AgendaWindowDocument.class);
    }
}
