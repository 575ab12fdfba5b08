package com.healthmed.query.search;

import com.healthmed.query.search.DoctorSearchIndex.Entry;
import com.healthmed.schema.search.DoctorSearchPageResponse;
import com.healthmed.schema.search.DoctorSearchResult;
import com.healthmed.schema.search.SearchDoctorsQuery;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import static java.util.stream.Collectors.toMap;
import static org.springframework.data.mongodb.core.query.Criteria.where;

/**
 * Doctor search as the query handler runs it. When this instance's index is ready, the index picks the page's
 * doctors and counts the matches, then the page's documents are read from {@code doctor_search} by {@code _id} and
 * each is checked against the entry it was ranked on. An entry behind its document (the index has not yet seen the
 * latest change of that doctor: a slot booked a moment ago, a rating, a new city) is read again with its free slots;
 * if the newer copy matches the search and sorts exactly as the entry did (a booking changes only free slots), it
 * takes the entry's place, otherwise the collection search answers. So a page never shows a doctor or a slot the
 * collection no longer has; the ranking may lag a change only for doctors that are not on the page. Until the index
 * is built (start, replay) the collection answers.
 */
@Component
class IndexedDoctorSearch implements MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(IndexedDoctorSearch.class);

    private final DoctorSearch collection;
    private final DoctorSearchIndex index;
    private final MongoTemplate mongo;
    private final AtomicLong staleAnswers = new AtomicLong();
    private final AtomicLong rereadAnswers = new AtomicLong();
    private final AtomicLong indexAnswers = new AtomicLong();
    private final AtomicLong notReadyAnswers = new AtomicLong();

    IndexedDoctorSearch(DoctorSearch collection, DoctorSearchIndex index, MongoTemplate mongo) {
        this.collection = collection;
        this.index = index;
        this.mongo = mongo;
    }

    @QueryHandler
    DoctorSearchPageResponse search(SearchDoctorsQuery q) {
        Instant bookableFrom = collection.bookableFrom();
        if (!index.ready()) {
            notReadyAnswers.incrementAndGet();
            return collection.search(q, bookableFrom);
        }
        var answer = index.search(q, bookableFrom);
        // the page's documents in two reads at most (by _id, which the embedded store's index also answers), not
        // one round trip per doctor: under load each trip waits its turn in the store
        var stamped = read(ids(answer.page(), true), DoctorSearch::withoutSchedule);
        var whole = read(ids(answer.page(), false), ids -> new Query(where("_id").in(ids)));
        // under bookings a page often holds a doctor booked since the index saw it: one more read, not the collection
        var newer = read(behind(answer.page(), stamped), DoctorSearch::withFreeSlots);
        List<DoctorSearchResult> items = new ArrayList<>(answer.page().size());
        for (Entry ranked : answer.page()) {
            DoctorSearchResult item = ranked.stamp() == null ? byContent(ranked, whole.get(ranked.id()), q, bookableFrom)
                    : newer.containsKey(ranked.id()) ? ifRankedAlike(ranked, newer.get(ranked.id()), q, bookableFrom)
                    : byStamp(ranked, stamped.get(ranked.id()), q, bookableFrom);
            if (item == null) {
                staleAnswers.incrementAndGet();
                log.debug("Index entry of {} is behind its document; the collection answers this search", ranked.id());
                return collection.search(q, bookableFrom);
            }
            items.add(item);
        }
        (newer.isEmpty() ? indexAnswers : rereadAnswers).incrementAndGet();
        return new DoctorSearchPageResponse(items, answer.total(), q.page(), q.size());
    }

    /**
     * The entry's document is unchanged if it still has the stamp the entry was made from (every write gives a new
     * one): then the entry's free slots are the document's, and the document is read without its schedule (thousands
     * of slots a doctor publishes up to the booking horizon, read for every doctor of every page otherwise).
     */
    private static DoctorSearchResult byStamp(Entry ranked, DoctorListingDocument current, SearchDoctorsQuery q,
                                              Instant bookableFrom) {
        if (current == null || !current.verified() || !ranked.stamp().equals(current.stamp())) {
            return null;
        }
        return DoctorSearch.resultWithNextFree(current, q, ranked.nextFreeAt(bookableFrom));
    }

    /** The page's stamped entries whose verified document has a newer stamp than the entry was made from. */
    private static List<String> behind(List<Entry> page, Map<String, DoctorListingDocument> stamped) {
        return page.stream().filter(entry -> entry.stamp() != null).filter(entry -> {
            var current = stamped.get(entry.id());
            return current != null && current.verified() && !entry.stamp().equals(current.stamp());
        }).map(Entry::id).toList();
    }

    /** The newer copy of an entry's document, shown in the entry's place if it ranks as the entry did. */
    private static DoctorSearchResult ifRankedAlike(Entry ranked, DoctorListingDocument newer, SearchDoctorsQuery q,
                                                    Instant bookableFrom) {
        if (!newer.verified() || !DoctorSearchIndex.ranksAlike(ranked, Entry.of(newer), q, bookableFrom)) {
            return null;
        }
        return DoctorSearch.result(newer, q, bookableFrom);
    }

    /** Documents without a stamp (written before stamps, or benchmark data) are compared whole. */
    private static DoctorSearchResult byContent(Entry ranked, DoctorListingDocument current, SearchDoctorsQuery q,
                                                Instant bookableFrom) {
        if (current == null || !current.verified() || !Entry.of(current).equals(ranked)) {
            return null;
        }
        return DoctorSearch.result(current, q, bookableFrom);
    }

    private static List<String> ids(List<Entry> page, boolean stamped) {
        return page.stream().filter(entry -> (entry.stamp() != null) == stamped).map(Entry::id).toList();
    }

    private Map<String, DoctorListingDocument> read(List<String> ids, Function<List<String>, Query> query) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return mongo.find(query.apply(ids), DoctorListingDocument.class).stream()
                .collect(toMap(DoctorListingDocument::id, document -> document));
    }

    /** How many searches the collection answered because an entry on the page was behind and ranked differently. */
    long staleAnswers() {
        return staleAnswers.get();
    }

    /** How many searches the index answered with the newer copy of an entry that was behind its document. */
    long rereadAnswers() {
        return rereadAnswers.get();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        answers(registry, "index", indexAnswers);
        answers(registry, "index-reread", rereadAnswers);
        answers(registry, "collection-entry-behind", staleAnswers);
        answers(registry, "collection-index-not-ready", notReadyAnswers);
    }

    private static void answers(MeterRegistry registry, String by, AtomicLong count) {
        FunctionCounter.builder("healthmed.search.answers", count, AtomicLong::get).tag("by", by)
                .description("doctor searches answered, by what answered them").register(registry);
    }
}
