package com.healthmed.query.search;

import com.healthmed.query.search.DoctorListingDocument.Booked;
import com.healthmed.query.search.DoctorListingDocument.Window;
import com.healthmed.query.rating.RatingTallies;
import com.healthmed.schema.appointment.AppointmentRatedEvent;
import com.healthmed.schema.doctor.ConsultationPriceChangedEvent;
import com.healthmed.schema.doctor.DoctorProfileUpdatedEvent;
import com.healthmed.schema.doctor.DoctorRegisteredEvent;
import com.healthmed.schema.doctor.DoctorVerifiedEvent;
import com.healthmed.schema.scheduling.AvailabilityPublishedEvent;
import com.healthmed.schema.scheduling.AvailabilityRevisedEvent;
import com.healthmed.schema.scheduling.AvailabilityWithdrawnEvent;
import com.healthmed.schema.scheduling.ScheduleHistoryPrunedEvent;
import com.healthmed.schema.scheduling.SlotBookedEvent;
import com.healthmed.schema.scheduling.SlotReleasedEvent;
import com.healthmed.schema.search.DoctorSearchResult;
import com.healthmed.schema.search.FindDoctorListingQuery;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The search read model ({@code doctor_search}), fed by doctor and schedule events. Replay-safe: a reset
 * drops it, and a replay rebuilds it exactly. Idempotent: doctor events carry the doctor aggregate's
 * sequence number and are applied once; schedule events are set operations keyed by window and appointment
 * id, after which the free slots of the windows they touch (and only those) are derived again.
 *
 * <p>The cost of a schedule event does not grow with the doctor's history: the document holds only the windows
 * and bookings the schedule has not retired ({@link ScheduleHistoryPrunedEvent}), and an event re-derives the
 * free slots of one window, not of every window the doctor ever published.
 *
 * <p>Ratings are counted once per appointment in this group's own tally ({@code doctor_search_ratings}), whose
 * average and count are copied onto the listing: the listing itself stays small.
 */
@Component
@ProcessingGroup("doctor-search")
class DoctorSearchProjection {

    static final String RATING_TALLIES = "doctor_search_ratings";
    private static final String CHANGED_SCHEDULES = DoctorSearchProjection.class.getName() + ".changedSchedules";

    private final MongoTemplate mongo;
    private final DoctorSearch search;
    private final RatingTallies ratings;

    private final ObjectProvider<DoctorSearchIndexFeed> indexFeed;

    DoctorSearchProjection(MongoTemplate mongo, DoctorSearch search) {
        this(mongo, search, null);
    }

    @Autowired
    DoctorSearchProjection(MongoTemplate mongo, DoctorSearch search, ObjectProvider<DoctorSearchIndexFeed> indexFeed) {
        this.mongo = mongo;
        this.search = search;
        this.ratings = new RatingTallies(mongo, RATING_TALLIES);
        this.indexFeed = indexFeed;
    }

    @EventHandler
    void on(DoctorRegisteredEvent event, @SequenceNumber long sequence) {
        if (mongo.exists(query(where("_id").is(event.doctorId())), DoctorListingDocument.class)) {
            return;
        }
        var location = event.location();
        mongo.save(new DoctorListingDocument(event.doctorId(), event.name(), event.crm(), event.specialties(),
                event.address().city(), CityNames.fold(event.address().city()), event.address().state(),
                location == null ? null : location.lat(), location == null ? null : location.lng(),
                event.consultationPrice(), event.consultationPrice().amount().doubleValue(), null, 0, false,
                sequence, List.of(), List.of(), List.of(), DoctorListingDocument.newStamp()));
    }

    @EventHandler
    void on(DoctorVerifiedEvent event, @SequenceNumber long sequence) {
        changeDoctor(event.doctorId(), sequence, new Update().set("verified", true));
    }

    @EventHandler
    void on(DoctorProfileUpdatedEvent event, @SequenceNumber long sequence) {
        changeDoctor(event.doctorId(), sequence, new Update()
                .set("name", event.name())
                .set("specialties", event.specialties())
                .set("city", event.address().city())
                .set("cityKey", CityNames.fold(event.address().city()))
                .set("state", event.address().state())
                .set("lat", event.location() == null ? null : event.location().lat())
                .set("lng", event.location() == null ? null : event.location().lng()));
    }

    @EventHandler
    void on(ConsultationPriceChangedEvent event, @SequenceNumber long sequence) {
        changeDoctor(event.doctorId(), sequence, new Update().set("price", event.consultationPrice())
                .set("priceAmount", event.consultationPrice().amount().doubleValue()));
    }

    @EventHandler
    void on(AvailabilityPublishedEvent event) {
        putWindow(event.doctorId(), new Window(event.windowId(), event.start(), event.end(), event.slotMinutes(),
                event.bufferMinutes()));
    }

    @EventHandler
    void on(AvailabilityRevisedEvent event) {
        putWindow(event.doctorId(), new Window(event.windowId(), event.start(), event.end(), event.slotMinutes(),
                event.bufferMinutes()));
    }

    @EventHandler
    void on(AvailabilityWithdrawnEvent event) {
        changeSchedule(event.doctorId(), schedule -> schedule.removeWindow(event.windowId()));
    }

    @EventHandler
    void on(SlotBookedEvent event) {
        var booking = new Booked(event.appointmentId(), event.start(), event.end());
        changeSchedule(event.doctorId(), schedule -> schedule.book(booking));
    }

    @EventHandler
    void on(SlotReleasedEvent event) {
        changeSchedule(event.doctorId(), schedule -> {
            schedule.bookings.removeIf(b -> b.appointmentId().equals(event.appointmentId()));
            schedule.rederiveWindowsOverlapping(event.start(), event.end());
        });
    }

    /** What the schedule retired leaves the listing too (it holds no bookable slot). */
    @EventHandler
    void on(ScheduleHistoryPrunedEvent event) {
        changeSchedule(event.doctorId(), schedule -> {
            event.windowIds().forEach(schedule::removeWindow);
            schedule.bookings.removeIf(b -> event.appointmentIds().contains(b.appointmentId()));
            schedule.freeSlots.removeIf(slot -> slot.isBefore(event.before()));
        });
    }

    /** Setting (not adding) the tally's numbers makes a repeated event harmless. */
    @EventHandler
    void on(AppointmentRatedEvent event) {
        var tally = ratings.count(event.doctorId(), event.appointmentId(), event.stars());
        mongo.updateFirst(query(where("_id").is(event.doctorId())), new Update()
                .set("ratingAverage", tally.average() == null ? null : tally.average().doubleValue())
                .set("ratingCount", tally.count()).set("stamp", DoctorListingDocument.newStamp()), DoctorListingDocument.class);
    }

    @QueryHandler
    Optional<DoctorSearchResult> handle(FindDoctorListingQuery query) {
        return search.listing(query.doctorId());
    }

    @ResetHandler
    void reset() {
        mongo.dropCollection(DoctorListingDocument.class);
        ratings.drop();
        search.createIndexes();
        if (indexFeed != null) {
            indexFeed.ifAvailable(DoctorSearchIndexFeed::projectionReset); // the index answers again after the replay
        }
    }

    private void changeDoctor(String doctorId, long sequence, Update change) {
        mongo.updateFirst(query(where("_id").is(doctorId).and("doctorVersion").lt(sequence)),
                change.set("doctorVersion", sequence).set("stamp", DoctorListingDocument.newStamp()), DoctorListingDocument.class);
    }

    private void putWindow(String doctorId, Window window) {
        changeSchedule(doctorId, schedule -> {
            schedule.removeWindow(window.id());
            schedule.windows.add(window);
            schedule.freeSlots.addAll(freeSlots(List.of(window), schedule.bookings));
        });
    }

    /** One doctor's windows, bookings and free slots, changed in memory and written back at once. */
    private static final class Schedule {
        final List<Window> windows;
        final List<Booked> bookings;
        final List<Instant> freeSlots;

        Schedule(DoctorListingDocument doctor) {
            this(doctor.windows(), doctor.bookings(), doctor.freeSlots());
        }

        private Schedule(List<Window> windows, List<Booked> bookings, List<Instant> freeSlots) {
            this.windows = new ArrayList<>(windows);
            this.bookings = new ArrayList<>(bookings);
            this.freeSlots = new ArrayList<>(freeSlots);
        }

        Schedule copy() {
            return new Schedule(windows, bookings, freeSlots);
        }

        void removeWindow(String windowId) {
            windows.stream().filter(w -> w.id().equals(windowId)).findFirst().ifPresent(old -> {
                windows.remove(old);
                dropFreeSlotsOf(old);
            });
        }

        /** Windows never overlap, so a window's free slots are exactly those that start inside it. */
        private void dropFreeSlotsOf(Window window) {
            freeSlots.removeIf(slot -> !slot.isBefore(window.start()) && slot.isBefore(window.end()));
        }

        /**
         * A booking only takes slots away: those of its windows that it overlaps. Removing just those costs one pass
         * over the free slots, where deriving the window again compares every slot with every booking (a doctor with
         * a month of five-minute slots has thousands of each). A repeated event is derived again, as before.
         */
        void book(Booked booking) {
            boolean repeated = bookings.removeIf(b -> b.appointmentId().equals(booking.appointmentId()));
            bookings.add(booking);
            if (repeated) {
                rederiveWindowsOverlapping(booking.start(), booking.end());
                return;
            }
            for (Window window : windows) {
                if (window.start().isBefore(booking.end()) && booking.start().isBefore(window.end())) {
                    Duration slot = Duration.ofMinutes(window.slotMinutes());
                    freeSlots.removeIf(start -> !start.isBefore(window.start()) && start.isBefore(window.end())
                            && start.isBefore(booking.end()) && booking.start().isBefore(start.plus(slot)));
                }
            }
        }

        void rederiveWindowsOverlapping(Instant from, Instant to) {
            for (Window window : windows) {
                if (window.start().isBefore(to) && from.isBefore(window.end())) {
                    dropFreeSlotsOf(window);
                    freeSlots.addAll(freeSlots(List.of(window), bookings));
                }
            }
        }
    }

    /**
     * Inside an event processor's batch, a doctor's schedule is read once, changed by each of the batch's events, and
     * written once as the batch commits (before its token): a busy doctor's document holds a month of slots, and
     * reading and writing it whole costs far more than the change an event makes. Outside a batch (a test, a
     * handler called directly) every change is written at once.
     */
    private void changeSchedule(String doctorId, java.util.function.Consumer<Schedule> change) {
        Map<String, Schedule> batch = schedulesChangedInThisBatch();
        Schedule schedule = batch == null ? null : batch.get(doctorId);
        if (schedule == null) {
            var doctor = mongo.findById(doctorId, DoctorListingDocument.class);
            if (doctor == null) {
                return;
            }
            schedule = new Schedule(doctor);
        } else {
            schedule = schedule.copy(); // an event whose handler fails leaves the batch's copy as it was
        }
        change.accept(schedule);
        if (batch == null) {
            write(doctorId, schedule);
        } else {
            batch.put(doctorId, schedule);
        }
    }

    private Map<String, Schedule> schedulesChangedInThisBatch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        if (batch.phase() != UnitOfWork.Phase.STARTED) {
            return null;
        }
        return batch.getOrComputeResource(CHANGED_SCHEDULES, key -> {
            Map<String, Schedule> changed = new LinkedHashMap<>();
            batch.onPrepareCommit(committing -> changed.forEach(this::write));
            return changed;
        });
    }

    private void write(String doctorId, Schedule schedule) {
        schedule.windows.sort(java.util.Comparator.comparing(Window::start));
        schedule.freeSlots.sort(null);
        mongo.updateFirst(query(where("_id").is(doctorId)), new Update()
                .set("windows", schedule.windows)
                .set("bookings", schedule.bookings)
                .set("freeSlots", schedule.freeSlots)
                .set("stamp", DoctorListingDocument.newStamp()), DoctorListingDocument.class);
    }

    /** Every slot start of the windows that no active booking overlaps, in time order. */
    static List<Instant> freeSlots(List<Window> windows, List<Booked> bookings) {
        List<Instant> free = new ArrayList<>();
        for (Window window : windows) {
            Duration slot = Duration.ofMinutes(window.slotMinutes());
            Duration step = slot.plusMinutes(window.bufferMinutes());
            // only the bookings inside the window can take its slots: the others are not compared slot by slot
            List<Booked> inWindow = bookings.stream()
                    .filter(b -> b.start().isBefore(window.end()) && window.start().isBefore(b.end())).toList();
            for (Instant start = window.start(); !start.plus(slot).isAfter(window.end()); start = start.plus(step)) {
                Instant slotStart = start;
                Instant end = start.plus(slot);
                if (inWindow.stream().noneMatch(b -> b.start().isBefore(end) && slotStart.isBefore(b.end()))) {
                    free.add(start);
                }
            }
        }
        free.sort(null);
        return free;
    }
}
