package com.healthmed.query.search;

import com.healthmed.schema.scheduling.SlotBookedEvent;
import com.healthmed.schema.search.DoctorSearchPageResponse;
import com.healthmed.schema.search.DoctorSearchResult;
import com.healthmed.schema.search.DoctorSort;
import com.healthmed.schema.search.SearchDoctorsQuery;
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * The contract between the index and the collection: on the same {@code doctor_search} data, every search the
 * gateway accepts gets the same page (items, order, distances, next slots) and the same total from the index as
 * from the collection search. Runs on the embedded server and on a real MongoDB (subclasses).
 */
abstract class DoctorSearchContract {

    static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
    static final int DOCTORS = 3000;

    MongoTemplate mongo;
    DoctorSearch collection;
    DoctorSearchIndex index;
    IndexedDoctorSearch indexed;

    abstract MongoTemplate mongo();

    @BeforeEach
    void load() {
        mongo = mongo();
        mongo.dropCollection(DoctorListingDocument.class);
        var clock = new StaticListableBeanFactory(Map.of("clock", Clock.fixed(NOW, ZoneOffset.UTC))).getBeanProvider(Clock.class);
        collection = new DoctorSearch(mongo, clock, Duration.ofHours(2));
        SyntheticDoctors.load(mongo, DOCTORS, 7, NOW);
        // ties: several doctors at one spot, with one rating and one price, and an unverified one among them
        for (int i = 0; i < 6; i++) {
            var tied = mongo.findById("synthetic-" + i, DoctorListingDocument.class);
            mongo.save(new DoctorListingDocument("tie-" + (5 - i), tied.name(), tied.crm(), List.of(Specialty.CARDIOLOGIA),
                    "Campinas", CityNames.fold("Campinas"), Uf.SP, -22.9056, -47.0608, tied.price(), 250.0, 4.5, 10,
                    i != 3, 1, tied.windows(), tied.bookings(), tied.freeSlots(), null));
        }
        index = new DoctorSearchIndex();
        try (var documents = mongo.stream(new Query(), DoctorListingDocument.class)) {
            index.replaceAll(documents);
        }
        index.ready(true);
        indexed = new IndexedDoctorSearch(collection, index, mongo);
    }

    @AfterEach
    void close() throws Exception {
        index.close();
    }

    /** Random searches as the gateway accepts them (distance sort only with a point, both ends of a period). */
    static List<SearchDoctorsQuery> searches(int count) {
        var random = new Random(11);
        double[][] places = {{-23.5505, -46.6333}, {-22.9056, -47.0608}, {-22.9068, -43.1729}, {-3.1190, -60.0217}};
        Instant day = NOW.truncatedTo(ChronoUnit.DAYS);
        List<SearchDoctorsQuery> searches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Specialty specialty = random.nextInt(3) == 0 ? Specialty.values()[random.nextInt(12)] : null;
            boolean city = random.nextInt(5) == 0;
            boolean near = random.nextInt(3) == 0;
            double[] place = places[random.nextInt(places.length)];
            boolean period = random.nextInt(3) == 0;
            Instant from = day.plus(Duration.ofHours(random.nextInt(24 * 10)));
            List<DoctorSort> sorts = new ArrayList<>(List.of(DoctorSort.RATING, DoctorSort.PRICE, DoctorSort.NEXT_AVAILABLE));
            if (near) {
                sorts.add(DoctorSort.DISTANCE);
            }
            sorts.add(null);
            searches.add(new SearchDoctorsQuery(specialty, city ? "Campinas" : null, city || random.nextInt(6) == 0 ? Uf.SP : null,
                    near ? place[0] : null, near ? place[1] : null, near ? 1.0 + random.nextInt(60) : null,
                    random.nextInt(4) == 0 ? 3.0 + random.nextInt(20) / 10.0 : null,
                    random.nextInt(4) == 0 ? new BigDecimal(100 + random.nextInt(500)) : null,
                    period ? from : null, period ? from.plus(Duration.ofHours(1 + random.nextInt(24 * 5))) : null,
                    sorts.get(random.nextInt(sorts.size())), random.nextInt(4), 1 + random.nextInt(25)));
        }
        return searches;
    }

    @Test
    void theIndexAnswersLikeTheCollection() {
        int nonEmpty = 0;
        for (SearchDoctorsQuery search : searches(150)) {
            DoctorSearchPageResponse expected = collection.search(search);
            assertThat(indexed.search(search)).as(search.toString()).isEqualTo(expected);
            nonEmpty += expected.items().isEmpty() ? 0 : 1;
        }
        assertThat(indexed.staleAnswers()).isZero();
        assertThat(nonEmpty).as("searches with results").isGreaterThan(50);
    }

    @Test
    void tiesAreOrderedByIdAndUnverifiedDoctorsNeverAppear() {
        var tied = new SearchDoctorsQuery(Specialty.CARDIOLOGIA, null, null, -22.9056, -47.0608, 0.001, null, null, null,
                null, DoctorSort.DISTANCE, 0, 20);
        var page = indexed.search(tied);
        assertThat(page.items()).extracting(DoctorSearchResult::id).containsExactly("tie-0", "tie-1", "tie-3", "tie-4", "tie-5");
        assertThat(page.items()).extracting(DoctorSearchResult::distanceKm).containsOnly(0.0);
    }

    @Test
    void aSlotBookedAfterTheIndexSawItIsNotOffered() {
        // the page's first doctor books its next slot in the period; the index has not seen it yet
        Instant from = NOW.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        var period = new SearchDoctorsQuery(null, null, null, null, null, null, null, null, from, from.plus(Duration.ofDays(3)),
                DoctorSort.NEXT_AVAILABLE, 0, 10);
        var first = indexed.search(period).items().getFirst();
        var projection = new DoctorSearchProjection(mongo, collection);
        projection.on(new SlotBookedEvent(first.id(), "late-booking", "patient", "w0", first.nextFreeSlot(),
                first.nextFreeSlot().plus(Duration.ofMinutes(50)), com.healthmed.schema.shared.Money.brl("100.00")));

        var after = indexed.search(period);
        assertThat(after).isEqualTo(collection.search(period));
        assertThat(after.items()).noneMatch(d -> d.id().equals(first.id()) && first.nextFreeSlot().equals(d.nextFreeSlot()));
        assertThat(indexed.staleAnswers()).isEqualTo(1);

        index.update(List.of(first.id()), id -> mongo.findById(id, DoctorListingDocument.class));
        assertThat(indexed.search(period)).isEqualTo(collection.search(period));
        assertThat(indexed.staleAnswers()).as("answered by the index again").isEqualTo(1);
    }

    @Test
    void anUnverifiedOrRemovedDoctorLeavesTheIndex() {
        var everyone = new SearchDoctorsQuery(null, null, null, null, null, null, null, null, null, null, DoctorSort.PRICE, 0, 5);
        String cheapest = indexed.search(everyone).items().getFirst().id();
        mongo.updateFirst(query(where("_id").is(cheapest)), new org.springframework.data.mongodb.core.query.Update()
                .set("verified", false), DoctorListingDocument.class);
        index.update(List.of(cheapest), id -> mongo.findById(id, DoctorListingDocument.class));
        assertThat(indexed.search(everyone)).isEqualTo(collection.search(everyone));
        assertThat(indexed.search(everyone).items()).extracting(DoctorSearchResult::id).doesNotContain(cheapest);
        assertThat(indexed.staleAnswers()).isZero();
    }

    /**
     * Bookings the index has not seen yet (the collection is ahead of it, as under load): every doctor a page shows
     * is shown as the collection holds it now, and where the search neither filters nor sorts on free slots the page
     * is exactly the collection's, with the booked doctors read again by id rather than the collection searched.
     */
    @Test
    void bookingsTheIndexHasNotSeenAreShownAsTheCollectionHoldsThem() {
        mongo.updateMulti(new Query(), new Update().set("stamp", "indexed"), DoctorListingDocument.class);
        try (var documents = mongo.stream(new Query(), DoctorListingDocument.class)) {
            index.replaceAll(documents);
        }
        Instant bookableFrom = collection.bookableFrom();
        var projection = new DoctorSearchProjection(mongo, collection);
        var random = new Random(5);
        int booked = 0;
        for (var doctor : mongo.findAll(DoctorListingDocument.class)) {
            var next = doctor.freeSlots().stream().filter(slot -> !slot.isBefore(bookableFrom)).findFirst();
            if (next.isEmpty() || random.nextInt(3) != 0) {
                continue;
            }
            var window = doctor.windows().stream().filter(w -> !next.get().isBefore(w.start()) && next.get().isBefore(w.end()))
                    .findFirst().orElseThrow();
            projection.on(new SlotBookedEvent(doctor.id(), "unseen-" + doctor.id(), "patient", window.id(), next.get(),
                    next.get().plus(Duration.ofMinutes(window.slotMinutes())), doctor.price()));
            booked++;
        }
        assertThat(booked).as("doctors booked behind the index's back").isGreaterThan(300);

        int exact = 0;
        for (SearchDoctorsQuery search : searches(150)) {
            var page = indexed.search(search);
            boolean period = search.availableFrom() != null;
            Instant from = period && search.availableFrom().isAfter(bookableFrom) ? search.availableFrom() : bookableFrom;
            Instant previous = null;
            for (DoctorSearchResult shown : page.items()) {
                var now = mongo.findById(shown.id(), DoctorListingDocument.class);
                assertThat(shown).as(search + ": " + shown.id()).isEqualTo(DoctorSearch.result(now, search, bookableFrom));
                // the first free slot the search looks at, in the collection now
                Instant first = now.freeSlots().stream().filter(slot -> !slot.isBefore(from)).findFirst()
                        .filter(slot -> !period || slot.isBefore(search.availableTo())).orElse(null);
                if (period) {
                    assertThat(first).as(search + ": " + shown.id() + " has a free slot in the period").isNotNull();
                }
                if (search.sort() == DoctorSort.NEXT_AVAILABLE && previous != null && first != null) {
                    assertThat(first).as(search + ": next-available order at " + shown.id()).isAfterOrEqualTo(previous);
                }
                previous = first == null ? previous : first;
            }
            if (!period && DoctorSearch.sortOf(search) != DoctorSort.NEXT_AVAILABLE) {
                assertThat(page).as(search.toString()).isEqualTo(collection.search(search));
                exact++;
            }
        }
        assertThat(exact).as("searches that must equal the collection's").isGreaterThan(50);
        assertThat(indexed.rereadAnswers()).as("pages kept with booked doctors read again").isGreaterThan(20);
    }
}
