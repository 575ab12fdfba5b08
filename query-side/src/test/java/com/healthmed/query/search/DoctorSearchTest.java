package com.healthmed.query.search;

import com.healthmed.schema.appointment.AppointmentRatedEvent;
import com.healthmed.schema.doctor.ConsultationPriceChangedEvent;
import com.healthmed.schema.doctor.DoctorRegisteredEvent;
import com.healthmed.schema.doctor.DoctorVerifiedEvent;
import com.healthmed.schema.scheduling.AvailabilityPublishedEvent;
import com.healthmed.schema.scheduling.AvailabilityRevisedEvent;
import com.healthmed.schema.scheduling.AvailabilityWithdrawnEvent;
import com.healthmed.schema.scheduling.ScheduleHistoryPrunedEvent;
import com.healthmed.schema.scheduling.SlotBookedEvent;
import com.healthmed.schema.scheduling.SlotReleasedEvent;
import com.healthmed.schema.search.DoctorSearchPageResponse;
import com.healthmed.schema.search.DoctorSearchResult;
import com.healthmed.schema.search.DoctorSort;
import com.healthmed.schema.search.SearchDoctorsQuery;
import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/** The search read model and its queries, on the embedded MongoDB wire-protocol server. */
class DoctorSearchTest {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    static final GeoPoint SAO_PAULO = new GeoPoint(-23.5505, -46.6333);
    static final GeoPoint CAMPINAS = new GeoPoint(-22.9056, -47.0608);
    static final GeoPoint RIO = new GeoPoint(-22.9068, -43.1729);
    static final GeoPoint SANTOS = new GeoPoint(-23.9608, -46.3336);

    static MongoServer server;
    static MongoClient client;
    MongoTemplate mongo;
    DoctorSearch search;
    DoctorSearchProjection projection;

    @BeforeAll
    static void startServer() {
        server = new MongoServer(new MemoryBackend());
        InetSocketAddress address = server.bind();
        client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        mongo = new MongoTemplate(client, "search-test");
        mongo.dropCollection(DoctorListingDocument.class);
        mongo.dropCollection(DoctorSearchProjection.RATING_TALLIES);
        var clock = new StaticListableBeanFactory(Map.of("clock", Clock.fixed(NOW, ZoneOffset.UTC)))
                .getBeanProvider(Clock.class);
        search = new DoctorSearch(mongo, clock, Duration.ofHours(2));
        projection = new DoctorSearchProjection(mongo, search);
    }

    void doctor(String id, Specialty specialty, String city, Uf state, GeoPoint at, String price, boolean verified) {
        projection.on(new DoctorRegisteredEvent(id, "Dr. " + id, id + "-" + state, id + "@example.com",
                List.of(specialty), Money.brl(price), new Address("Rua 1", city, state), at, "America/Sao_Paulo"), 0);
        if (verified) {
            projection.on(new DoctorVerifiedEvent(id, "admin", Money.brl(price)), 1);
        }
    }

    /** Sets a rating directly, for tests about other criteria (ratings from events: ratingsFromEventsAreCountedOnceAndSorted). */
    void rated(String id, double average, int count) {
        mongo.updateFirst(query(where("_id").is(id)), new Update().set("ratingAverage", average).set("ratingCount", count),
                DoctorListingDocument.class);
    }

    DoctorSearchPageResponse find(SearchDoctorsQuery query) {
        return search.search(query);
    }

    /** The reads name the fields they want: every one of a listing's fields but the schedule comes back. */
    @Test
    void readsWithoutTheScheduleKeepEveryOtherField() {
        paulistaCardiologists();
        rated("sp", 4.5, 3);
        projection.on(new com.healthmed.schema.scheduling.AvailabilityPublishedEvent("sp", "w1", NOW.plus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(1)).plusSeconds(7200), 50, 10));
        var whole = mongo.findById("sp", DoctorListingDocument.class);
        assertThat(whole.windows()).isNotEmpty();
        assertThat(whole.freeSlots()).isNotEmpty();

        var withFreeSlots = mongo.findOne(DoctorSearch.withFreeSlots(List.of("sp")), DoctorListingDocument.class);
        var withoutSchedule = mongo.findOne(DoctorSearch.withoutSchedule(List.of("sp")), DoctorListingDocument.class);

        var expected = new DoctorListingDocument(whole.id(), whole.name(), whole.crm(), whole.specialties(), whole.city(),
                whole.cityKey(), whole.state(), whole.lat(), whole.lng(), whole.price(), whole.priceAmount(),
                whole.ratingAverage(), whole.ratingCount(), whole.verified(), whole.doctorVersion(), null, null,
                whole.freeSlots(), whole.stamp());
        assertThat(withFreeSlots).isEqualTo(expected);
        assertThat(withoutSchedule).isEqualTo(new DoctorListingDocument(whole.id(), whole.name(), whole.crm(),
                whole.specialties(), whole.city(), whole.cityKey(), whole.state(), whole.lat(), whole.lng(), whole.price(),
                whole.priceAmount(), whole.ratingAverage(), whole.ratingCount(), whole.verified(), whole.doctorVersion(),
                null, null, null, whole.stamp()));
        // inclusions: the embedded server answers an exclusion by copying the whole document, schedule included
        assertThat(DoctorSearch.withFreeSlots(List.of("sp")).getFieldsObject().values()).containsOnly(1);
        assertThat(DoctorSearch.withoutSchedule(List.of("sp")).getFieldsObject().values()).containsOnly(1);
        // a field added to the listing must be named in LISTING_FIELDS (or be part of the schedule)
        assertThat(java.util.Arrays.stream(DoctorListingDocument.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getName)
                .filter(name -> !List.of("id", "windows", "bookings", "freeSlots").contains(name)))
                .containsExactlyInAnyOrderElementsOf(DoctorSearch.LISTING_FIELDS);
    }

    static SearchDoctorsQuery all() {
        return new SearchDoctorsQuery(null, null, null, null, null, null, null, null, null, null, null, 0, 100);
    }

    static List<String> ids(DoctorSearchPageResponse page) {
        return page.items().stream().map(DoctorSearchResult::id).toList();
    }

    void paulistaCardiologists() {
        doctor("sp", Specialty.CARDIOLOGIA, "São Paulo", Uf.SP, SAO_PAULO, "300.00", true);
        doctor("campinas", Specialty.CARDIOLOGIA, "Campinas", Uf.SP, CAMPINAS, "200.00", true);
        doctor("santos", Specialty.PEDIATRIA, "Santos", Uf.SP, SANTOS, "150.00", true);
        doctor("rio", Specialty.CARDIOLOGIA, "Rio de Janeiro", Uf.RJ, RIO, "400.00", true);
        doctor("unverified", Specialty.CARDIOLOGIA, "São Paulo", Uf.SP, SAO_PAULO, "100.00", false);
    }

    @Test
    void onlyVerifiedDoctorsAppear() {
        paulistaCardiologists();
        assertThat(ids(find(all()))).containsExactlyInAnyOrder("sp", "campinas", "santos", "rio");
        assertThat(search.listing("unverified")).isEmpty();
        assertThat(search.listing("sp")).get().extracting(DoctorSearchResult::name).isEqualTo("Dr. sp");
    }

    @Test
    void bySpecialty() {
        paulistaCardiologists();
        var query = new SearchDoctorsQuery(Specialty.PEDIATRIA, null, null, null, null, null, null, null, null, null, null, 0, 20);
        assertThat(ids(find(query))).containsExactly("santos");
    }

    @Test
    void byCityIgnoringAccentsAndCase() {
        paulistaCardiologists();
        for (String typed : List.of("sao paulo", "SÃO PAULO", " São  Paulo ")) {
            var query = new SearchDoctorsQuery(null, typed, Uf.SP, null, null, null, null, null, null, null, null, 0, 20);
            assertThat(ids(find(query))).as(typed).containsExactly("sp");
        }
        var wrongState = new SearchDoctorsQuery(null, "sao paulo", Uf.RJ, null, null, null, null, null, null, null, null, 0, 20);
        assertThat(find(wrongState).total()).isZero();
        var stateOnly = new SearchDoctorsQuery(null, null, Uf.RJ, null, null, null, null, null, null, null, null, 0, 20);
        assertThat(ids(find(stateOnly))).containsExactly("rio");
    }

    @Test
    void byDistanceExactlyAndInOrder() {
        paulistaCardiologists();
        var near = new SearchDoctorsQuery(null, null, null, SAO_PAULO.lat(), SAO_PAULO.lng(), 100.0, null, null, null, null,
                null, 0, 20);

        var result = find(near);

        assertThat(ids(result)).containsExactly("sp", "santos", "campinas");
        assertThat(result.items()).extracting(DoctorSearchResult::distanceKm).containsExactly(0.0, 54.9, 84.0);
    }

    @Test
    void radiusBoundaries() {
        paulistaCardiologists();
        double toCampinas = GeoDistance.km(SAO_PAULO.lat(), SAO_PAULO.lng(), CAMPINAS.lat(), CAMPINAS.lng());
        var justInside = new SearchDoctorsQuery(null, null, null, SAO_PAULO.lat(), SAO_PAULO.lng(), toCampinas + 0.001,
                null, null, null, null, null, 0, 20);
        var justOutside = new SearchDoctorsQuery(null, null, null, SAO_PAULO.lat(), SAO_PAULO.lng(), toCampinas - 0.001,
                null, null, null, null, null, 0, 20);
        var farthest = new SearchDoctorsQuery(null, null, null, SAO_PAULO.lat(), SAO_PAULO.lng(), 500.0,
                null, null, null, null, null, 0, 20);

        assertThat(ids(find(justInside))).contains("campinas");
        assertThat(ids(find(justOutside))).doesNotContain("campinas").contains("sp", "santos");
        assertThat(ids(find(farthest))).containsExactly("sp", "santos", "campinas", "rio");
    }

    @Test
    void byPriceAndRatingWithUnratedDoctorsLast() {
        paulistaCardiologists();
        rated("campinas", 4.8, 12);
        rated("rio", 3.9, 40);
        var cheap = new SearchDoctorsQuery(null, null, null, null, null, null, null, new BigDecimal("200.00"), null, null,
                DoctorSort.PRICE, 0, 20);
        var good = new SearchDoctorsQuery(null, null, null, null, null, null, 4.0, null, null, null, null, 0, 20);
        var byRating = new SearchDoctorsQuery(null, null, null, null, null, null, null, null, null, null,
                DoctorSort.RATING, 0, 20);

        assertThat(ids(find(cheap))).containsExactly("santos", "campinas");
        assertThat(ids(find(good))).containsExactly("campinas");
        assertThat(ids(find(byRating))).containsExactly("campinas", "rio", "santos", "sp");
        assertThat(find(byRating).items().get(2).ratingAverage()).isNull();
        assertThat(find(byRating).items().get(2).ratingCount()).isZero();
    }

    @Test
    void criteriaCombine() {
        paulistaCardiologists();
        doctor("sp-cheap", Specialty.CARDIOLOGIA, "São Paulo", Uf.SP, SAO_PAULO, "180.00", true);
        var query = new SearchDoctorsQuery(Specialty.CARDIOLOGIA, "sao paulo", Uf.SP, SAO_PAULO.lat(), SAO_PAULO.lng(), 10.0,
                null, new BigDecimal("250"), null, null, DoctorSort.PRICE, 0, 20);
        assertThat(ids(find(query))).containsExactly("sp-cheap");
    }

    @Test
    void aPriceChangeIsSearchable() {
        paulistaCardiologists();
        projection.on(new ConsultationPriceChangedEvent("rio", Money.brl("120.00")), 2);
        var cheap = new SearchDoctorsQuery(null, null, null, null, null, null, null, new BigDecimal("150"), null, null,
                DoctorSort.PRICE, 0, 20);
        assertThat(ids(find(cheap))).containsExactly("rio", "santos");
    }

    @Test
    void availabilityFollowsBookingsAndReleases() {
        paulistaCardiologists();
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        projection.on(new AvailabilityPublishedEvent("sp", "w1", tomorrow, tomorrow.plusSeconds(3000), 50, 10));
        var tomorrowMorning = new SearchDoctorsQuery(null, null, null, null, null, null, null, null,
                tomorrow.minusSeconds(3600), tomorrow.plusSeconds(3600), null, 0, 20);

        var before = find(tomorrowMorning);
        assertThat(ids(before)).containsExactly("sp");
        assertThat(before.items().getFirst().nextFreeSlot()).isEqualTo(tomorrow);

        var booked = new SlotBookedEvent("sp", "apt-1", "p-1", "w1", tomorrow, tomorrow.plusSeconds(3000), Money.brl("300.00"));
        projection.on(booked);
        assertThat(find(tomorrowMorning).total()).as("the only slot is taken").isZero();
        assertThat(search.listing("sp")).get().extracting(DoctorSearchResult::nextFreeSlot).isNull();

        projection.on(new SlotReleasedEvent("sp", "apt-1", tomorrow, tomorrow.plusSeconds(3000), "cancelled"));
        assertThat(ids(find(tomorrowMorning))).containsExactly("sp");
    }

    /** A profile reads the free slots a slice at a time: the next bookable one may lie behind thousands of past ones. */
    @Test
    void theProfileFindsTheNextSlotBehindALongUnprunedHistory() {
        paulistaCardiologists();
        Instant threeDaysAgo = NOW.minus(Duration.ofDays(3));
        // 5-minute slots for two days in the past (576, not pruned yet), then one future window
        projection.on(new AvailabilityPublishedEvent("sp", "past", threeDaysAgo, threeDaysAgo.plus(Duration.ofDays(2)), 5, 0));
        assertThat(search.listing("sp")).get().extracting(DoctorSearchResult::nextFreeSlot).isNull();

        Instant later = NOW.plus(Duration.ofDays(5));
        projection.on(new AvailabilityPublishedEvent("sp", "later", later, later.plusSeconds(3000), 50, 10));
        var profile = search.listing("sp").orElseThrow();
        assertThat(profile.nextFreeSlot()).isEqualTo(later);
        var whole = mongo.findById("sp", DoctorListingDocument.class);
        assertThat(whole.freeSlots()).hasSize(577);
        assertThat(profile).isEqualTo(whole.toResult(null, later));

        // a document written before stamps existed is read whole once its first slice is not enough
        mongo.updateFirst(query(where("_id").is("sp")), new Update().unset("stamp"), DoctorListingDocument.class);
        assertThat(search.listing("sp")).contains(profile);
        assertThat(search.listing("unverified")).isEmpty();
        assertThat(search.listing("nobody")).isEmpty();
    }

    @Test
    void everyWriteOfAListingGivesItANewStamp() {
        paulistaCardiologists();
        List<String> stamps = new ArrayList<>();
        Runnable note = () -> stamps.add(mongo.findById("sp", DoctorListingDocument.class).stamp());
        note.run();
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        projection.on(new AvailabilityPublishedEvent("sp", "w1", tomorrow, tomorrow.plusSeconds(3000), 50, 10));
        note.run();
        projection.on(new SlotBookedEvent("sp", "apt-1", "p-1", "w1", tomorrow, tomorrow.plusSeconds(3000), Money.brl("300.00")));
        note.run();
        projection.on(new ConsultationPriceChangedEvent("sp", Money.brl("310.00")), 2);
        note.run();
        projection.on(new AppointmentRatedEvent("a1", "sp", "p1", 5, null));
        note.run();
        assertThat(stamps).doesNotContainNull().doesNotHaveDuplicates();
    }

    @Test
    void slotsThatCanNoLongerBeBookedDoNotCount() {
        paulistaCardiologists();
        Instant soon = NOW.plusSeconds(1800);
        projection.on(new AvailabilityPublishedEvent("sp", "w1", soon, soon.plusSeconds(3000), 50, 10));
        var today = new SearchDoctorsQuery(null, null, null, null, null, null, null, null, NOW, NOW.plus(Duration.ofHours(12)),
                null, 0, 20);
        assertThat(find(today).total()).isZero();
    }

    @Test
    void pagesAreStableAndComplete() {
        for (int i = 0; i < 25; i++) {
            doctor(String.format("d%02d", 24 - i), Specialty.DERMATOLOGIA, "Curitiba", Uf.PR, new GeoPoint(-25.43, -49.27),
                    "200.00", true);
        }
        for (DoctorSort sort : List.of(DoctorSort.PRICE, DoctorSort.RATING, DoctorSort.NEXT_AVAILABLE)) {
            List<String> seen = new ArrayList<>();
            for (int page = 0; page < 3; page++) {
                var result = find(new SearchDoctorsQuery(null, null, null, null, null, null, null, null, null, null,
                        sort, page, 10));
                assertThat(result.total()).isEqualTo(25);
                seen.addAll(ids(result));
            }
            assertThat(seen).as(sort.name()).hasSize(25).doesNotHaveDuplicates().isSorted();
        }
    }

    @Test
    void replayingEventsGivesTheSameDocument() {
        paulistaCardiologists();
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        var published = new AvailabilityPublishedEvent("sp", "w1", tomorrow, tomorrow.plusSeconds(7200), 50, 10);
        var booked = new SlotBookedEvent("sp", "apt-1", "p-1", "w1", tomorrow, tomorrow.plusSeconds(3000), Money.brl("300.00"));
        projection.on(published);
        projection.on(booked);
        var once = mongo.findById("sp", DoctorListingDocument.class);

        projection.on(new DoctorVerifiedEvent("sp", "admin", Money.brl("300.00")), 1);
        projection.on(published);
        projection.on(booked);

        // the same content; only the stamp, new at every write, differs
        assertThat(mongo.findById("sp", DoctorListingDocument.class)).usingRecursiveComparison().ignoringFields("stamp")
                .isEqualTo(once);
    }

    @Test
    void freeSlotsDerivedEventByEventEqualThoseDerivedFromScratch() {
        paulistaCardiologists();
        Instant day = NOW.plus(Duration.ofDays(1));
        Money price = Money.brl("300.00");
        List<Object> events = List.of(
                new AvailabilityPublishedEvent("sp", "w1", day, day.plus(Duration.ofHours(4)), 50, 10),
                new AvailabilityPublishedEvent("sp", "w2", day.plus(Duration.ofHours(5)), day.plus(Duration.ofHours(8)), 30, 0),
                new SlotBookedEvent("sp", "a1", "p", "w1", day.plusSeconds(3600), day.plusSeconds(3600 + 3000), price),
                new SlotBookedEvent("sp", "a2", "p", "w2", day.plus(Duration.ofHours(6)),
                        day.plus(Duration.ofHours(6)).plusSeconds(1800), price),
                new AvailabilityRevisedEvent("sp", "w1", day, day.plus(Duration.ofHours(3)), 25, 5),
                new SlotReleasedEvent("sp", "a2", day.plus(Duration.ofHours(6)),
                        day.plus(Duration.ofHours(6)).plusSeconds(1800), "cancelled"),
                new AvailabilityWithdrawnEvent("sp", "w2"),
                new AvailabilityPublishedEvent("sp", "w3", day.plus(Duration.ofDays(1)),
                        day.plus(Duration.ofDays(1)).plus(Duration.ofHours(2)), 60, 0),
                // off the grid: it overlaps two slots, and its repetition changes nothing
                new SlotBookedEvent("sp", "a3", "p", "w3", day.plus(Duration.ofDays(1)).plusSeconds(1800),
                        day.plus(Duration.ofDays(1)).plusSeconds(1800 + 3600), price),
                new SlotBookedEvent("sp", "a3", "p", "w3", day.plus(Duration.ofDays(1)).plusSeconds(1800),
                        day.plus(Duration.ofDays(1)).plusSeconds(1800 + 3600), price));
        for (Object event : events) {
            switch (event) {
                case AvailabilityPublishedEvent e -> projection.on(e);
                case AvailabilityRevisedEvent e -> projection.on(e);
                case AvailabilityWithdrawnEvent e -> projection.on(e);
                case SlotBookedEvent e -> projection.on(e);
                case SlotReleasedEvent e -> projection.on(e);
                default -> throw new IllegalArgumentException(event.toString());
            }
            var doctor = mongo.findById("sp", DoctorListingDocument.class);
            assertThat(doctor.freeSlots()).as("after %s", event)
                    .isEqualTo(DoctorSearchProjection.freeSlots(doctor.windows(), doctor.bookings()));
        }
        // w3's two hours are both taken by a3; w1 (revised to 25 + 5 minutes) keeps a1's hour taken
        assertThat(mongo.findById("sp", DoctorListingDocument.class).freeSlots()).containsExactly(day,
                day.plus(Duration.ofMinutes(30)), day.plus(Duration.ofHours(2)), day.plus(Duration.ofMinutes(150)));
    }

    /** In a processor's batch a doctor's document is read once and written once, as the batch commits. */
    @Test
    void aBatchWritesEachScheduleOnceAsItCommitsWithWhatEventByEventWouldGive() {
        paulistaCardiologists();
        Instant day = NOW.plus(Duration.ofDays(1));
        Money price = Money.brl("300.00");
        projection.on(new AvailabilityPublishedEvent("sp", "w1", day, day.plus(Duration.ofHours(4)), 50, 10));
        List<Object> events = List.of(
                new SlotBookedEvent("sp", "a1", "p", "w1", day, day.plusSeconds(3000), price),
                new SlotBookedEvent("sp", "a2", "p", "w1", day.plusSeconds(7200), day.plusSeconds(10200), price),
                new SlotReleasedEvent("sp", "a1", day, day.plusSeconds(3000), "cancelled"),
                new SlotBookedEvent("sp", "a3", "p", "w1", day.plusSeconds(3600), day.plusSeconds(6600), price));
        var before = mongo.findById("sp", DoctorListingDocument.class);

        var batch = new BatchingUnitOfWork<>(events.stream().map(GenericEventMessage::asEventMessage).toList());
        var result = batch.executeWithResult(() -> {
            Object event = batch.getMessage().getPayload();
            switch (event) {
                case SlotBookedEvent e -> projection.on(e);
                case SlotReleasedEvent e -> projection.on(e);
                default -> throw new IllegalArgumentException(event.toString());
            }
            assertThat(mongo.findById("sp", DoctorListingDocument.class)).as("not written before the commit")
                    .isEqualTo(before);
            return null;
        });
        assertThat(result.isExceptional() ? result.exceptionResult() : null).isNull();

        var after = mongo.findById("sp", DoctorListingDocument.class);
        assertThat(after.bookings()).extracting(DoctorListingDocument.Booked::appointmentId)
                .containsExactly("a2", "a3");
        assertThat(after.freeSlots()).containsExactly(day, day.plusSeconds(10800))
                .isEqualTo(DoctorSearchProjection.freeSlots(after.windows(), after.bookings()));
        assertThat(after.stamp()).isNotEqualTo(before.stamp());
    }

    @Test
    void aBookingDerivesTheFreeSlotsOfItsOwnWindowOnly() {
        paulistaCardiologists();
        Instant day = NOW.plus(Duration.ofDays(1));
        Instant later = day.plus(Duration.ofDays(7));
        projection.on(new AvailabilityPublishedEvent("sp", "w1", day, day.plus(Duration.ofHours(2)), 50, 10));
        projection.on(new AvailabilityPublishedEvent("sp", "w2", later, later.plus(Duration.ofHours(2)), 50, 10));
        // a marker in the other window's free slots: it survives only if that window is not expanded again
        Instant marker = later.plusSeconds(60);
        mongo.updateFirst(query(where("_id").is("sp")), new Update().push("freeSlots", marker), DoctorListingDocument.class);

        projection.on(new SlotBookedEvent("sp", "a1", "p", "w1", day, day.plusSeconds(3000), Money.brl("300.00")));

        assertThat(mongo.findById("sp", DoctorListingDocument.class).freeSlots())
                .containsExactly(day.plusSeconds(3600), later, marker, later.plusSeconds(3600));
    }

    @Test
    void whatTheScheduleRetiredLeavesTheListing() {
        paulistaCardiologists();
        Instant today = NOW.plus(Duration.ofHours(3));
        Instant tomorrow = NOW.plus(Duration.ofDays(1));
        projection.on(new AvailabilityPublishedEvent("sp", "past", today, today.plus(Duration.ofHours(2)), 50, 10));
        projection.on(new AvailabilityPublishedEvent("sp", "next", tomorrow, tomorrow.plus(Duration.ofHours(2)), 50, 10));
        projection.on(new SlotBookedEvent("sp", "a1", "p", "past", today, today.plusSeconds(3000), Money.brl("300.00")));
        projection.on(new SlotBookedEvent("sp", "a2", "p", "next", tomorrow, tomorrow.plusSeconds(3000), Money.brl("300.00")));

        projection.on(new ScheduleHistoryPrunedEvent("sp", today.plus(Duration.ofHours(3)), List.of("past"), List.of("a1")));

        var doctor = mongo.findById("sp", DoctorListingDocument.class);
        assertThat(doctor.windows()).extracting(DoctorListingDocument.Window::id).containsExactly("next");
        assertThat(doctor.bookings()).extracting(DoctorListingDocument.Booked::appointmentId).containsExactly("a2");
        assertThat(doctor.freeSlots()).containsExactly(tomorrow.plusSeconds(3600));
    }

    @Test
    void ratingsFromEventsAreCountedOnceAndSorted() {
        paulistaCardiologists();
        projection.on(new AppointmentRatedEvent("a1", "campinas", "p1", 5, null));
        projection.on(new AppointmentRatedEvent("a2", "campinas", "p2", 4, "bom"));
        projection.on(new AppointmentRatedEvent("a3", "campinas", "p3", 4, null));
        projection.on(new AppointmentRatedEvent("a2", "campinas", "p2", 4, "bom")); // redelivered
        projection.on(new AppointmentRatedEvent("a4", "sp", "p4", 3, null));

        var campinas = search.listing("campinas").orElseThrow();
        assertThat(campinas.ratingAverage()).isEqualTo(4.33);
        assertThat(campinas.ratingCount()).isEqualTo(3);
        var byRating = new SearchDoctorsQuery(null, null, null, null, null, null, 4.0, null, null, null,
                DoctorSort.RATING, 0, 100);
        assertThat(ids(find(byRating))).containsExactly("campinas");
        var allByRating = new SearchDoctorsQuery(null, null, null, null, null, null, null, null, null, null,
                DoctorSort.RATING, 0, 100);
        assertThat(ids(find(allByRating))).startsWith("campinas", "sp");
    }
}
