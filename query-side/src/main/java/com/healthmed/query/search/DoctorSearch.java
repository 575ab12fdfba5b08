package com.healthmed.query.search;

import com.healthmed.schema.search.DoctorSearchPageResponse;
import com.healthmed.schema.search.DoctorSearchResult;
import com.healthmed.schema.search.DoctorSort;
import com.healthmed.schema.search.SearchDoctorsQuery;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Doctor search on the {@code doctor_search} collection using only what both real MongoDB and the embedded
 * wire-protocol server support: equality and range filters on indexed fields (a latitude/longitude bounding
 * box for the radius), then the exact great-circle distance, the availability interval and the next free slot
 * in code. When nothing has to be decided in code (no point, no availability, sort by rating or price),
 * sorting and paging are left to the database.
 */
@Component
class DoctorSearch {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration minimumNotice;

    DoctorSearch(MongoTemplate mongo, ObjectProvider<Clock> clock,
                 @Value("${healthmed.scheduling.minimum-notice:2h}") Duration minimumNotice) {
        this.mongo = mongo;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.minimumNotice = minimumNotice;
        createIndexes();
    }

    /** The indexes the searches use (each starts with {@code verified}, which every search filters on). */
    void createIndexes() {
        var indexes = mongo.indexOps(DoctorListingDocument.class);
        indexes.ensureIndex(new Index().on("verified", Sort.Direction.ASC).on("specialties", Sort.Direction.ASC)
                .on("state", Sort.Direction.ASC).on("cityKey", Sort.Direction.ASC).named("specialty_city"));
        indexes.ensureIndex(new Index().on("verified", Sort.Direction.ASC).on("state", Sort.Direction.ASC)
                .on("cityKey", Sort.Direction.ASC).named("city"));
        indexes.ensureIndex(new Index().on("verified", Sort.Direction.ASC).on("lat", Sort.Direction.ASC)
                .on("lng", Sort.Direction.ASC).named("position"));
        indexes.ensureIndex(new Index().on("verified", Sort.Direction.ASC).on("ratingAverage", Sort.Direction.DESC)
                .named("rating"));
        indexes.ensureIndex(new Index().on("verified", Sort.Direction.ASC).on("priceAmount", Sort.Direction.ASC)
                .named("price"));
    }

    /**
     * One doctor's listing with the next bookable slot. The document also holds the doctor's whole schedule (every
     * window, booking and free slot up to the booking horizon: thousands of entries), which a profile does not need:
     * this reads the document without windows and bookings and its free slots a slice at a time (they are sorted),
     * until the first one that can still be booked. Usually the first slice has it; later slices are read only while
     * the schedule's history is not pruned yet, and if the document changed between two reads it is read whole.
     */
    Optional<DoctorSearchResult> listing(String doctorId) {
        Instant from = bookableFrom();
        DoctorListingDocument first = null;
        for (int skip = 0, size = FIRST_SLICE; ; skip += size, size = Math.min(size * 4, MAX_SLICE)) {
            var part = mongo.findOne(withSlots(doctorId, skip, size), DoctorListingDocument.class);
            if (part == null || !part.verified()) {
                return Optional.empty();
            }
            if (first == null) {
                first = part;
            } else if (first.stamp() == null || !first.stamp().equals(part.stamp())) {
                return Optional.ofNullable(mongo.findById(doctorId, DoctorListingDocument.class))
                        .filter(DoctorListingDocument::verified)
                        .map(d -> d.toResult(null, nextFree(d, from, null)));
            }
            List<Instant> slots = part.freeSlots() == null ? List.of() : part.freeSlots();
            Instant next = nextFree(slots, from, null);
            if (next != null || slots.size() < size) {
                return Optional.of(first.toResult(null, next));
            }
        }
    }

    private static final int FIRST_SLICE = 32;
    private static final int MAX_SLICE = 2048;

    /**
     * Every field of a listing but its schedule (windows, bookings, free slots): what results, profiles and the index
     * read. Reads name the fields they want rather than the ones they skip: the embedded server answers an exclusion
     * by copying the whole document deeply (schedule included) and then removing fields, an inclusion by copying only
     * what it names; and {@code $slice} joins only an inclusion there.
     */
    static final List<String> LISTING_FIELDS = List.of("name", "crm", "specialties", "city", "cityKey", "state", "lat",
            "lng", "price", "priceAmount", "ratingAverage", "ratingCount", "verified", "doctorVersion", "stamp");

    /** The document by {@code _id} with what a profile shows, and {@code size} of its free slots from {@code skip}. */
    private static Query withSlots(String doctorId, int skip, int size) {
        Query query = new Query(where("_id").is(doctorId));
        query.fields().include(LISTING_FIELDS.toArray(String[]::new)).slice("freeSlots", skip, size);
        return query;
    }

    /** The documents with these ids without schedules and free slots: what a result shows besides the next slot. */
    static Query withoutSchedule(Collection<String> doctorIds) {
        Query query = new Query(where("_id").in(doctorIds));
        query.fields().include(LISTING_FIELDS.toArray(String[]::new));
        return query;
    }

    /** The documents with these ids with their free slots, without the windows and bookings they come from. */
    static Query withFreeSlots(Collection<String> doctorIds) {
        return withoutWindowsAndBookings(new Query(where("_id").in(doctorIds)));
    }

    /**
     * Searches and the index need a document's profile and free slots, never the windows and bookings they were
     * derived from: leaving those out shortens every read of a busy doctor's document.
     */
    static Query withoutWindowsAndBookings(Query query) {
        query.fields().include(LISTING_FIELDS.toArray(String[]::new)).include("freeSlots");
        return query;
    }

    DoctorSearchPageResponse search(SearchDoctorsQuery q) {
        return search(q, bookableFrom());
    }

    /** The reference search: the collection alone answers (see {@link IndexedDoctorSearch} for the fast path). */
    DoctorSearchPageResponse search(SearchDoctorsQuery q, Instant bookableFrom) {
        Criteria criteria = filters(q);
        boolean near = q.lat() != null && q.lng() != null;
        boolean availability = q.availableFrom() != null && q.availableTo() != null;
        DoctorSort sort = sortOf(q);

        if (!near && !availability && (sort == DoctorSort.RATING || sort == DoctorSort.PRICE)) {
            var query = withoutWindowsAndBookings(new Query(criteria)).with(databaseOrder(sort))
                    .skip((long) q.page() * q.size()).limit(q.size());
            long total = mongo.count(new Query(criteria), DoctorListingDocument.class);
            var items = mongo.find(query, DoctorListingDocument.class).stream()
                    .map(d -> result(d, q, bookableFrom)).toList();
            return new DoctorSearchPageResponse(items, total, q.page(), q.size());
        }

        List<Candidate> matches = mongo.find(withoutWindowsAndBookings(new Query(criteria)), DoctorListingDocument.class)
                .stream()
                .map(d -> new Candidate(d, near && d.lat() != null ? GeoDistance.km(q.lat(), q.lng(), d.lat(), d.lng()) : null,
                        nextFree(d, availability && q.availableFrom().isAfter(bookableFrom) ? q.availableFrom() : bookableFrom,
                                availability ? q.availableTo() : null)))
                .filter(c -> !near || (c.distanceKm() != null && c.distanceKm() <= q.radiusKm()))
                .filter(c -> !availability || c.nextFree() != null)
                .sorted(order(sort))
                .toList();
        var page = matches.stream().skip((long) q.page() * q.size()).limit(q.size())
                .map(c -> result(c.doctor(), q, bookableFrom))
                .toList();
        return new DoctorSearchPageResponse(page, matches.size(), q.page(), q.size());
    }

    private record Candidate(DoctorListingDocument doctor, Double distanceKm, Instant nextFree) {
    }

    /** The order a search asks for: distance when it gives a point, else rating, unless it names one. */
    static DoctorSort sortOf(SearchDoctorsQuery q) {
        return q.sort() != null ? q.sort() : q.lat() != null && q.lng() != null ? DoctorSort.DISTANCE : DoctorSort.RATING;
    }

    /** One doctor as a search shows it: the exact distance (rounded) and the next bookable slot. */
    static DoctorSearchResult result(DoctorListingDocument d, SearchDoctorsQuery q, Instant bookableFrom) {
        return resultWithNextFree(d, q, nextFree(d, bookableFrom, null));
    }

    /** The same, with the next bookable slot already known (from an index entry of this very document). */
    static DoctorSearchResult resultWithNextFree(DoctorListingDocument d, SearchDoctorsQuery q, Instant nextFree) {
        boolean near = q.lat() != null && q.lng() != null && d.lat() != null && d.lng() != null;
        return d.toResult(near ? GeoDistance.rounded(GeoDistance.km(q.lat(), q.lng(), d.lat(), d.lng())) : null,
                nextFree);
    }

    /** Slots starting before this moment can no longer be booked (minimum notice). */
    Instant bookableFrom() {
        return clock.instant().plus(minimumNotice);
    }

    /** The database part of a search: what the indexes serve. */
    static Criteria filters(SearchDoctorsQuery q) {
        Criteria criteria = where("verified").is(true);
        if (q.specialty() != null) {
            criteria = criteria.and("specialties").is(q.specialty());
        }
        if (q.state() != null) {
            criteria = criteria.and("state").is(q.state());
        }
        if (q.city() != null) {
            criteria = criteria.and("cityKey").is(CityNames.fold(q.city()));
        }
        if (q.lat() != null && q.lng() != null && q.radiusKm() != null) {
            double[] box = GeoDistance.boundingBox(q.lat(), q.lng(), q.radiusKm());
            criteria = criteria.and("lat").gte(box[0]).lte(box[1]).and("lng").gte(box[2]).lte(box[3]);
        }
        if (q.minRating() != null) {
            criteria = criteria.and("ratingAverage").gte(q.minRating());
        }
        if (q.maxPrice() != null) {
            criteria = criteria.and("priceAmount").lte(q.maxPrice().doubleValue());
        }
        return criteria;
    }

    private static Sort databaseOrder(DoctorSort sort) {
        return sort == DoctorSort.PRICE
                ? Sort.by(Sort.Order.asc("priceAmount"), Sort.Order.asc("_id"))
                : Sort.by(Sort.Order.desc("ratingAverage"), Sort.Order.desc("ratingCount"), Sort.Order.asc("_id"));
    }

    private static Comparator<Candidate> order(DoctorSort sort) {
        Comparator<Candidate> byId = Comparator.comparing(c -> c.doctor().id());
        Comparator<Candidate> primary = switch (sort) {
            case DISTANCE -> Comparator.comparing(Candidate::distanceKm, Comparator.nullsLast(Comparator.naturalOrder()));
            case PRICE -> Comparator.comparingDouble(c -> c.doctor().priceAmount());
            case NEXT_AVAILABLE -> Comparator.comparing(Candidate::nextFree, Comparator.nullsLast(Comparator.naturalOrder()));
            case RATING -> Comparator.comparing((Candidate c) -> c.doctor().ratingAverage(),
                    Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(c -> c.doctor().ratingCount(), Comparator.reverseOrder());
        };
        return primary.thenComparing(byId);
    }

    /** The first free slot starting at or after {@code from} (and before {@code before}, if given). */
    private static Instant nextFree(DoctorListingDocument doctor, Instant from, Instant before) {
        return nextFree(doctor.freeSlots(), from, before);
    }

    private static Instant nextFree(List<Instant> freeSlots, Instant from, Instant before) {
        for (Instant slot : freeSlots) {
            if (!slot.isBefore(from)) {
                return before == null || slot.isBefore(before) ? slot : null;
            }
        }
        return null;
    }
}
