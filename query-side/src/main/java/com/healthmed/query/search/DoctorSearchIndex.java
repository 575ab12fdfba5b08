package com.healthmed.query.search;

import com.healthmed.schema.search.DoctorSort;
import com.healthmed.schema.search.SearchDoctorsQuery;
import com.healthmed.schema.shared.Specialty;
import org.apache.lucene.document.DoubleDocValuesField;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LatLonPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * An in-memory Lucene index of the verified doctors of {@code doctor_search}, per query-side instance. It is a
 * cache of that collection, never a source of truth: every entry is a copy of one document as read by {@code _id}
 * (see {@link DoctorSearchIndexFeed}), and it only answers <em>which</em> doctors match in which order and how
 * many; {@link IndexedDoctorSearch} reads the page's documents from the collection and checks them.
 *
 * <p>Lucene does the filtering (keyword terms, point ranges, a distance query) and the field sorts (rating,
 * price). Where the order depends on the query (exact great-circle distance, next free slot after a moment),
 * the matches' keys are read from doc values and sorted in code with the same comparator as the collection
 * search: distances stay exact ({@link GeoDistance}, not Lucene's quantised haversine), ties are broken by id.
 */
@Component
public class DoctorSearchIndex implements AutoCloseable {

    private static final String ID = "id";
    private static final String SPECIALTY = "specialty";
    private static final String STATE = "state";
    private static final String CITY = "city";
    private static final String LOCATION = "location";
    private static final String LAT = "lat";
    private static final String LNG = "lng";
    private static final String RATING = "rating";
    private static final String RATING_SORT = "rating_sort";
    private static final String RATING_COUNT = "rating_count";
    private static final String PRICE = "price";
    private static final String PRICE_SORT = "price_sort";
    private static final String SLOT = "slot";
    private static final String STAMP = "stamp";

    /** The key the search needs from one doctor; equal keys mean the index entry is up to date for searching. */
    record Entry(String id, List<String> specialties, String state, String cityKey, Double lat, Double lng,
                 Double rating, long ratingCount, double price, long[] slots, String stamp) {

        static Entry of(DoctorListingDocument d) {
            return new Entry(d.id(), d.specialties().stream().map(Specialty::name).distinct().sorted().toList(),
                    d.state() == null ? null : d.state().name(), d.cityKey(),
                    d.lat() == null || d.lng() == null ? null : d.lat(), d.lat() == null || d.lng() == null ? null : d.lng(),
                    d.ratingAverage(), d.ratingCount(), d.priceAmount(),
                    d.freeSlots().stream().mapToLong(Entry::nanos).sorted().toArray(), d.stamp());
        }

        /** Instants as nanoseconds since the epoch: exact for 1677–2262. */
        static long nanos(Instant instant) {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }

        /** The first free slot at or after {@code from}, as the document's {@code freeSlots} would give it. */
        Instant nextFreeAt(Instant from) {
            Long slot = nextFree(nanos(from), null);
            return slot == null ? null : Instant.ofEpochSecond(0, slot);
        }

        /** The first free slot at or after {@code from} and before {@code before} (if not null). */
        Long nextFree(long from, Long before) {
            for (long slot : slots) {
                if (slot >= from) {
                    return before == null || slot < before ? slot : null;
                }
            }
            return null;
        }

        /** The same doctor with the same filterable and sortable fields; free slots and stamp aside. */
        boolean sameProfile(Entry e) {
            return id.equals(e.id) && specialties.equals(e.specialties) && Objects.equals(state, e.state)
                    && Objects.equals(cityKey, e.cityKey) && Objects.equals(lat, e.lat) && Objects.equals(lng, e.lng)
                    && Objects.equals(rating, e.rating) && ratingCount == e.ratingCount && Double.compare(price, e.price) == 0;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Entry e && sameProfile(e) && Arrays.equals(slots, e.slots) && Objects.equals(stamp, e.stamp);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    /** Ids of one page in order, each with the entry it was ranked on, and the number of matches. */
    record Answer(List<Entry> page, long total) {
    }

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile boolean ready;

    public DoctorSearchIndex() {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig());
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Replaces the whole index by these documents (the unverified ones are left out). */
    void replaceAll(Stream<DoctorListingDocument> documents) {
        try {
            writer.deleteAll();
            documents.forEach(this::write);
            writer.commit();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes these doctors' entries match their documents; a missing document ({@code null} value) is removed. */
    void update(Collection<String> ids, java.util.function.Function<String, DoctorListingDocument> read) {
        stage(ids, read);
        refresh();
    }

    /**
     * As {@link #update}, but searches see the new entries only after the next {@link #refresh()}: each refresh
     * writes a new segment (and later merges it), so under a booking load the feed refreshes a few times a second
     * rather than after every handful of changes.
     */
    void stage(Collection<String> ids, java.util.function.Function<String, DoctorListingDocument> read) {
        try {
            for (String id : ids) {
                DoctorListingDocument document = read.apply(id);
                if (document == null || !document.verified()) {
                    writer.deleteDocuments(new Term(ID, id));
                } else {
                    write(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Makes what was staged visible to searches. */
    void refresh() {
        try {
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(DoctorListingDocument d) {
        if (!d.verified()) {
            return;
        }
        Entry e = Entry.of(d);
        var doc = new org.apache.lucene.document.Document();
        doc.add(new StringField(ID, e.id(), Field.Store.NO));
        doc.add(new SortedDocValuesField(ID, new BytesRef(e.id())));
        for (String specialty : e.specialties()) {
            doc.add(new StringField(SPECIALTY, specialty, Field.Store.NO));
            doc.add(new SortedSetDocValuesField(SPECIALTY, new BytesRef(specialty)));
        }
        if (e.state() != null) {
            doc.add(new StringField(STATE, e.state(), Field.Store.NO));
            doc.add(new SortedDocValuesField(STATE, new BytesRef(e.state())));
        }
        if (e.cityKey() != null) {
            doc.add(new StringField(CITY, e.cityKey(), Field.Store.NO));
            doc.add(new SortedDocValuesField(CITY, new BytesRef(e.cityKey())));
        }
        if (e.lat() != null) {
            doc.add(new LatLonPoint(LOCATION, e.lat(), e.lng()));
            doc.add(new DoubleDocValuesField(LAT, e.lat()));
            doc.add(new DoubleDocValuesField(LNG, e.lng()));
        }
        if (e.rating() != null) {
            doc.add(new DoublePoint(RATING, e.rating()));
            doc.add(new DoubleDocValuesField(RATING_SORT, e.rating()));
        }
        doc.add(new NumericDocValuesField(RATING_COUNT, e.ratingCount()));
        doc.add(new DoublePoint(PRICE, e.price()));
        doc.add(new DoubleDocValuesField(PRICE_SORT, e.price()));
        for (long slot : e.slots()) {
            doc.add(new LongPoint(SLOT, slot));
            doc.add(new SortedNumericDocValuesField(SLOT, slot));
        }
        if (e.stamp() != null) {
            doc.add(new SortedDocValuesField(STAMP, new BytesRef(e.stamp())));
        }
        try {
            writer.updateDocument(new Term(ID, e.id()), doc);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Whether the index holds the whole collection (set by its feed; searches use the collection until then). */
    public boolean ready() {
        return ready;
    }

    void ready(boolean ready) {
        this.ready = ready;
    }

    /** Whether this doctor is in the index (verified, as last read from the collection). */
    public boolean holds(String doctorId) {
        return withSearcher(searcher -> searcher.count(new TermQuery(new Term(ID, doctorId))) > 0);
    }

    /** The bytes the index's files take in memory (for the benchmark's report). */
    public long memoryBytes() {
        try {
            long bytes = 0;
            for (String file : directory.listAll()) {
                bytes += directory.fileLength(file);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many doctors the index holds (the verified ones). */
    public int size() {
        return withSearcher(searcher -> searcher.getIndexReader().numDocs());
    }

    /**
     * Whether {@code now}, a newer copy of the document a page entry was ranked on, matches this search and sorts
     * exactly as the entry did, so that the page stays right with the newer copy in the entry's place. Any change
     * to a field the filters or sorts read says no, except free slots: they say yes when the search neither filters
     * nor sorts on them, or when the first free slot the search looks at is the same in both.
     */
    static boolean ranksAlike(Entry ranked, Entry now, SearchDoctorsQuery q, Instant bookableFrom) {
        if (!ranked.sameProfile(now)) {
            return false;
        }
        boolean availability = q.availableFrom() != null && q.availableTo() != null;
        if (!availability && DoctorSearch.sortOf(q) != DoctorSort.NEXT_AVAILABLE) {
            return true;
        }
        long from = freeFrom(q, bookableFrom);
        Long before = availability ? Entry.nanos(q.availableTo()) : null;
        return Objects.equals(ranked.nextFree(from, before), now.nextFree(from, before));
    }

    /** The earliest free slot a search considers: the period's start, or the first bookable moment if later. */
    private static long freeFrom(SearchDoctorsQuery q, Instant bookableFrom) {
        boolean availability = q.availableFrom() != null && q.availableTo() != null;
        return Entry.nanos(availability && q.availableFrom().isAfter(bookableFrom) ? q.availableFrom() : bookableFrom);
    }

    Answer search(SearchDoctorsQuery q, Instant bookableFrom) {
        boolean near = q.lat() != null && q.lng() != null;
        boolean availability = q.availableFrom() != null && q.availableTo() != null;
        DoctorSort sort = DoctorSearch.sortOf(q);
        Query query = filters(q, freeFrom(q, bookableFrom));
        int from = q.page() * q.size();
        return withSearcher(searcher -> {
            if (!near && !availability && (sort == DoctorSort.RATING || sort == DoctorSort.PRICE)) {
                // the order is in the doc values: Lucene keeps only the top (page + 1) × size
                var top = searcher.search(query, Math.max(1, from + q.size()), fieldOrder(sort));
                List<Entry> page = new ArrayList<>();
                ScoreDoc[] hits = top.scoreDocs;
                for (int i = from; i < hits.length; i++) {
                    page.add(entry(searcher, hits[i].doc));
                }
                return new Answer(page, searcher.count(query));
            }
            long fromNanos = freeFrom(q, bookableFrom);
            Long before = availability ? Entry.nanos(q.availableTo()) : null;
            List<Candidate> matches = new ArrayList<>();
            for (Keyed match : searcher.search(query, new EntriesCollector())) {
                Entry e = match.keys();
                Double km = near && e.lat() != null ? GeoDistance.km(q.lat(), q.lng(), e.lat(), e.lng()) : null;
                Long next = e.nextFree(fromNanos, before);
                if ((!near || (km != null && km <= q.radiusKm())) && (!availability || next != null)) {
                    matches.add(new Candidate(match.doc(), e, km, next));
                }
            }
            matches.sort(order(sort));
            List<Entry> page = matches.stream().skip(from).limit(q.size()).map(c -> entry(searcher, c.doc())).toList();
            return new Answer(page, matches.size());
        });
    }

    /** {@code entry} holds only the sort keys (id, position, rating, price, slots); the page reads the whole entry. */
    private record Candidate(int doc, Entry entry, Double distanceKm, Long nextFree) {
    }

    /** The same order as {@link DoctorSearch}'s, ties by id. */
    private static Comparator<Candidate> order(DoctorSort sort) {
        Comparator<Candidate> primary = switch (sort) {
            case DISTANCE -> Comparator.comparing(Candidate::distanceKm, Comparator.nullsLast(Comparator.naturalOrder()));
            case PRICE -> Comparator.comparingDouble(c -> c.entry().price());
            case NEXT_AVAILABLE -> Comparator.comparing(Candidate::nextFree, Comparator.nullsLast(Comparator.naturalOrder()));
            case RATING -> Comparator.comparing((Candidate c) -> c.entry().rating(), Comparator.nullsLast(Comparator.reverseOrder()))
                    .thenComparing(c -> c.entry().ratingCount(), Comparator.reverseOrder());
        };
        return primary.thenComparing(c -> c.entry().id());
    }

    private static Sort fieldOrder(DoctorSort sort) {
        SortField id = new SortField(ID, SortField.Type.STRING);
        if (sort == DoctorSort.PRICE) {
            return new Sort(new SortField(PRICE_SORT, SortField.Type.DOUBLE), id);
        }
        var rating = new SortField(RATING_SORT, SortField.Type.DOUBLE, true);
        rating.setMissingValue(Double.NEGATIVE_INFINITY); // unrated last, as MongoDB orders null in a descending sort
        return new Sort(rating, new SortField(RATING_COUNT, SortField.Type.LONG, true), id);
    }

    private static Query filters(SearchDoctorsQuery q, long freeFrom) {
        var filters = new BooleanQuery.Builder();
        if (q.specialty() != null) {
            filters.add(new TermQuery(new Term(SPECIALTY, q.specialty().name())), BooleanClause.Occur.FILTER);
        }
        if (q.state() != null) {
            filters.add(new TermQuery(new Term(STATE, q.state().name())), BooleanClause.Occur.FILTER);
        }
        if (q.city() != null) {
            filters.add(new TermQuery(new Term(CITY, CityNames.fold(q.city()))), BooleanClause.Occur.FILTER);
        }
        if (q.lat() != null && q.lng() != null && q.radiusKm() != null) {
            // a metre wider than asked: Lucene quantises positions (~1 cm); the exact distance decides afterwards
            filters.add(LatLonPoint.newDistanceQuery(LOCATION, q.lat(), q.lng(), q.radiusKm() * 1000 + 1),
                    BooleanClause.Occur.FILTER);
        }
        if (q.minRating() != null) {
            filters.add(DoublePoint.newRangeQuery(RATING, q.minRating(), Double.POSITIVE_INFINITY), BooleanClause.Occur.FILTER);
        }
        if (q.maxPrice() != null) {
            filters.add(DoublePoint.newRangeQuery(PRICE, Double.NEGATIVE_INFINITY, q.maxPrice().doubleValue()),
                    BooleanClause.Occur.FILTER);
        }
        if (q.availableFrom() != null && q.availableTo() != null) {
            long before = Entry.nanos(q.availableTo());
            if (before <= freeFrom) {
                return new BooleanQuery.Builder().build(); // matches nothing
            }
            filters.add(LongPoint.newRangeQuery(SLOT, freeFrom, before - 1), BooleanClause.Occur.FILTER);
        }
        BooleanQuery built = filters.build();
        return built.clauses().isEmpty() ? new MatchAllDocsQuery() : built;
    }

    private static Entry entry(IndexSearcher searcher, int doc) {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        try {
            return new LeafEntries(leaf.reader()).read(doc - leaf.docBase, true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads entries back from one segment's doc values (documents in increasing order). */
    private static final class LeafEntries {
        final SortedDocValues id;
        final SortedSetDocValues specialty;
        final SortedDocValues state;
        final SortedDocValues city;
        final NumericDocValues lat;
        final NumericDocValues lng;
        final NumericDocValues rating;
        final NumericDocValues ratingCount;
        final NumericDocValues price;
        final SortedNumericDocValues slots;
        final SortedDocValues stamp;

        LeafEntries(LeafReader reader) throws IOException {
            id = DocValues.getSorted(reader, ID);
            specialty = DocValues.getSortedSet(reader, SPECIALTY);
            state = DocValues.getSorted(reader, STATE);
            city = DocValues.getSorted(reader, CITY);
            lat = DocValues.getNumeric(reader, LAT);
            lng = DocValues.getNumeric(reader, LNG);
            rating = DocValues.getNumeric(reader, RATING_SORT);
            ratingCount = DocValues.getNumeric(reader, RATING_COUNT);
            price = DocValues.getNumeric(reader, PRICE_SORT);
            slots = DocValues.getSortedNumeric(reader, SLOT);
            stamp = DocValues.getSorted(reader, STAMP);
        }

        /** The entry of one document; without {@code full}, only its sort keys (no specialties, state, city). */
        Entry read(int doc, boolean full) throws IOException {
            id.advanceExact(doc);
            List<String> specialties = new ArrayList<>();
            if (full && specialty.advanceExact(doc)) {
                for (int i = 0; i < specialty.docValueCount(); i++) {
                    specialties.add(specialty.lookupOrd(specialty.nextOrd()).utf8ToString());
                }
            }
            long[] free = new long[0];
            if (slots.advanceExact(doc)) {
                free = new long[slots.docValueCount()];
                for (int i = 0; i < free.length; i++) {
                    free[i] = slots.nextValue();
                }
            }
            boolean located = lat.advanceExact(doc) && lng.advanceExact(doc);
            return new Entry(id.lookupOrd(id.ordValue()).utf8ToString(), specialties,
                    full && state.advanceExact(doc) ? state.lookupOrd(state.ordValue()).utf8ToString() : null,
                    full && city.advanceExact(doc) ? city.lookupOrd(city.ordValue()).utf8ToString() : null,
                    located ? decode(lat) : null, located ? decode(lng) : null,
                    rating.advanceExact(doc) ? decode(rating) : null,
                    ratingCount.advanceExact(doc) ? ratingCount.longValue() : 0,
                    price.advanceExact(doc) ? decode(price) : 0, free,
                    stamp.advanceExact(doc) ? stamp.lookupOrd(stamp.ordValue()).utf8ToString() : null);
        }

        private static double decode(NumericDocValues values) throws IOException {
            return Double.longBitsToDouble(values.longValue()); // as DoubleDocValuesField encodes it
        }
    }

    /** A match: its document number in the whole index and its sort keys. */
    private record Keyed(int doc, Entry keys) {
    }

    /** Every match's sort keys, read from the doc values. */
    private static final class EntryCollector extends SimpleCollector {
        final List<Keyed> entries = new ArrayList<>();
        LeafEntries leaf;
        int docBase;

        @Override
        protected void doSetNextReader(LeafReaderContext context) throws IOException {
            leaf = new LeafEntries(context.reader());
            docBase = context.docBase;
        }

        @Override
        public void collect(int doc) throws IOException {
            entries.add(new Keyed(docBase + doc, leaf.read(doc, false)));
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }

    private static final class EntriesCollector implements CollectorManager<EntryCollector, List<Keyed>> {
        @Override
        public EntryCollector newCollector() {
            return new EntryCollector();
        }

        @Override
        public List<Keyed> reduce(Collection<EntryCollector> collectors) {
            return collectors.stream().flatMap(c -> c.entries.stream()).toList();
        }
    }

    private interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherFunction<T> work) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return work.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
    }
}
