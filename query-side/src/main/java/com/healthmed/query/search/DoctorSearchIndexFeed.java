package com.healthmed.query.search;

import com.healthmed.query.sequencing.PerDoctorSequencing;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Keeps this instance's {@link DoctorSearchIndex} equal to {@code doctor_search}. The {@code doctor-search}
 * processor is pooled: with several instances each handles only some segments, so this feed reads the whole event
 * stream itself (from the event store, no token stored: the index lives in memory and is rebuilt at start). For
 * every event the projection handles it re-reads that doctor's document by {@code _id} and re-indexes it, but only
 * once the projection's segment for that doctor has passed the event (its token in {@code tokenentry} covers the
 * event's), so the document read already holds the event's change. Re-indexing is idempotent, which makes the
 * bootstrap simple: note the lowest of the projection's tokens, load the whole collection, then follow the stream
 * from that token.
 *
 * <p>Staleness: a change reaches the index a moment after the projection wrote it (one token read, one {@code _id}
 * read) and searches within {@link #REFRESH_EVERY} of that; pages are checked against the collection anyway
 * ({@link IndexedDoctorSearch}). A replay of
 * {@code doctor-search} (replay tokens, or a token moving back) turns the index off until the replay has finished,
 * then rebuilds it from the collection.
 */
@Component
@ConditionalOnProperty(name = "healthmed.search.index.enabled", havingValue = "true", matchIfMissing = true)
public class DoctorSearchIndexFeed implements SmartLifecycle {

    static final String PROCESSOR = "doctor-search";
    private static final Logger log = LoggerFactory.getLogger(DoctorSearchIndexFeed.class);
    private static final int BATCH = 1000;
    private static final long REPLAY_VISIBLE = TimeUnit.SECONDS.toNanos(10);
    /**
     * A change staged in the index becomes visible to searches at most this long after it was staged, or as soon as
     * the stream pauses. A refresh per projection batch (a few doctors each under a booking load) cost 4-5 % of the
     * CPU of a booking burst in segment writes and merges (docs/benchmarks.md); a page the index ranked on an older
     * entry is answered from the collection anyway ({@link IndexedDoctorSearch}).
     */
    static final long REFRESH_EVERY = TimeUnit.MILLISECONDS.toNanos(200);

    private final EventStore events;
    private final JdbcTemplate jdbc;
    private final Serializer tokenSerializer;
    private final MongoTemplate mongo;
    private final DoctorSearchIndex index;
    /** The projection's own sequencing: it decides which segment handles a doctor's events. */
    private final PerDoctorSequencing.PerDoctor sequencing = new PerDoctorSequencing.PerDoctor();
    private final Set<String> handledTypes = handledBy(DoctorSearchProjection.class);
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> rebuildRequests = new ConcurrentLinkedQueue<>();
    /** When this node's projection was last reset (nanoTime, 0: none pending): wait for that replay. */
    private volatile long resetAt;
    private final java.util.concurrent.atomic.AtomicLong builds = new java.util.concurrent.atomic.AtomicLong();
    private volatile boolean running;
    private Thread worker;
    /** Whether changes wait in the index for a refresh, and since when (nanoTime of the first of them). */
    private boolean staged;
    private long stagedAt;

    DoctorSearchIndexFeed(EventStore events, JdbcTemplate jdbc, @Qualifier("serializer") Serializer tokenSerializer,
                          MongoTemplate mongo, DoctorSearchIndex index) {
        this.events = events;
        this.jdbc = jdbc;
        this.tokenSerializer = tokenSerializer;
        this.mongo = mongo;
        this.index = index;
    }

    /** The payload types of the projection's event handlers: the events that change a listing. */
    static Set<String> handledBy(Class<?> projection) {
        return Arrays.stream(projection.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(EventHandler.class))
                .map(m -> m.getParameterTypes()[0].getName()).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Rebuilds the index from the collection; for documents written into it without events (benchmark data).
     * Completes when the rebuilt index serves searches.
     */
    public CompletableFuture<Void> rebuild() {
        var done = new CompletableFuture<Void>();
        rebuildRequests.add(done);
        return done;
    }

    /**
     * Called by the projection's reset handler on this node: the index stops answering at once and is rebuilt when
     * the replay is over. Replay tokens are stored in the reset's transaction, so the feed waits up to
     * {@link #REPLAY_VISIBLE} to see them; a replay too short to be seen has rebuilt the collection by then.
     */
    void projectionReset() {
        index.ready(false);
        resetAt = System.nanoTime() | 1;
    }

    /** How many times the index was built from the collection (start, rebuilds, replays). */
    public long builds() {
        return builds.get();
    }

    private boolean rebuildWanted() {
        return !rebuildRequests.isEmpty() || resetAt != 0;
    }

    @Override
    public void start() {
        running = true;
        worker = Thread.ofPlatform().daemon().name("doctor-search-index").start(this::run);
    }

    @Override
    public void stop() {
        running = false;
        worker.interrupt();
        try {
            worker.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        BlockingStream<TrackedEventMessage<?>> stream = null;
        while (running) {
            try {
                if (stream == null || rebuildWanted()) {
                    if (stream != null) {
                        stream.close();
                    }
                    stream = bootstrap();
                    if (stream == null) {
                        Thread.sleep(500);
                    }
                } else if (!follow(stream)) {
                    log.info("doctor-search is being replayed; searches use the collection until the index is rebuilt");
                    stream.close();
                    stream = null;
                }
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                log.warn("Doctor search index feed failed; searches use the collection while it restarts", e);
                index.ready(false);
                if (stream != null) {
                    stream.close();
                    stream = null;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    break;
                }
            }
        }
        if (stream != null) {
            stream.close();
        }
        index.ready(false);
    }

    /** Loads the whole collection and opens the stream at the projection's lowest token; null while it replays. */
    private BlockingStream<TrackedEventMessage<?>> bootstrap() {
        index.ready(false);
        List<CompletableFuture<Void>> requests = drainRequests();
        Tokens tokens = Tokens.read(jdbc, tokenSerializer);
        if (tokens.replaying()) {
            resetAt = 0; // the replay is visible: wait for its end
        }
        if (tokens.segments.isEmpty() || tokens.replaying()
                || (resetAt != 0 && System.nanoTime() - resetAt < REPLAY_VISIBLE)) {
            rebuildRequests.addAll(requests);
            return null;
        }
        resetAt = 0;
        long started = System.nanoTime();
        // in batches: the embedded server would otherwise answer with one reply over the wire protocol's size limit
        var all = DoctorSearch.withoutWindowsAndBookings(new Query().cursorBatchSize(1000));
        try (var documents = mongo.stream(all, DoctorListingDocument.class)) {
            index.replaceAll(documents);
        }
        staged = false; // the rebuilt index shows all of it
        var stream = events.openStream(tokens.lowerBound());
        index.ready(true);
        builds.incrementAndGet();
        log.info("Doctor search index holds {} verified doctors (built in {} ms)", index.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        requests.forEach(r -> r.complete(null));
        return stream;
    }

    private List<CompletableFuture<Void>> drainRequests() {
        List<CompletableFuture<Void>> requests = new java.util.ArrayList<>();
        for (CompletableFuture<Void> r; (r = rebuildRequests.poll()) != null; ) {
            requests.add(r);
        }
        return requests;
    }

    /** Follows the stream until a rebuild is requested or the projection replays (then false). */
    private boolean follow(BlockingStream<TrackedEventMessage<?>> stream) throws InterruptedException {
        Tokens tokens = Tokens.read(jdbc, tokenSerializer);
        Set<String> changed = new LinkedHashSet<>();
        long tokensRead = System.nanoTime();
        while (running && !rebuildWanted()) {
            if (!stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                reindex(changed);
                refresh();
                if (System.nanoTime() - tokensRead > TimeUnit.SECONDS.toNanos(1)) {
                    if ((tokens = unlessReplaying(tokens)) == null) {
                        return false;
                    }
                    tokensRead = System.nanoTime();
                }
                continue;
            }
            TrackedEventMessage<?> event = stream.peek().orElseThrow();
            if (!handledTypes.contains(event.getPayloadType().getName())) {
                stream.nextAvailable();
                continue;
            }
            Object doctor = sequencing.getSequenceIdentifierFor(event);
            if (!tokens.passed(event.trackingToken(), doctor)) {
                reindex(changed);
                if (System.nanoTime() - tokensRead < TimeUnit.MILLISECONDS.toNanos(20)) {
                    Thread.sleep(20);
                }
                if ((tokens = unlessReplaying(tokens)) == null) {
                    return false;
                }
                tokensRead = System.nanoTime();
                continue;
            }
            stream.nextAvailable();
            changed.add(String.valueOf(doctor));
            if (changed.size() >= BATCH) {
                reindex(changed);
            }
        }
        reindex(changed);
        refresh();
        return true;
    }

    /** The projection's tokens now, or null if it is being replayed or was reset since {@code before}. */
    private Tokens unlessReplaying(Tokens before) {
        Tokens now = Tokens.read(jdbc, tokenSerializer);
        return now.replaying() || now.movedBackFrom(before) ? null : now;
    }

    /** Stages these doctors' documents; refreshes the index when a staged change is {@link #REFRESH_EVERY} old. */
    private void reindex(Set<String> doctorIds) {
        if (!doctorIds.isEmpty()) {
            index.stage(doctorIds, id -> mongo.findOne(
                    DoctorSearch.withoutWindowsAndBookings(Query.query(Criteria.where("_id").is(id))), DoctorListingDocument.class));
            doctorIds.clear();
            if (!staged) {
                staged = true;
                stagedAt = System.nanoTime();
            }
        }
        if (staged && System.nanoTime() - stagedAt >= REFRESH_EVERY) {
            refresh();
        }
    }

    /** Makes the staged changes visible to searches. */
    private void refresh() {
        if (staged) {
            index.refresh();
            staged = false;
        }
    }

    /** The projection's tokens per segment, as stored in {@code tokenentry}. */
    record Tokens(Map<Integer, TrackingToken> segments) {

        static Tokens read(JdbcTemplate jdbc, Serializer serializer) {
            Map<Integer, TrackingToken> segments = new HashMap<>();
            jdbc.query("select segment, token, tokenType from tokenentry where processorName = ?", row -> {
                byte[] token = row.getBytes("token");
                String type = row.getString("tokenType");
                segments.put(row.getInt("segment"), token == null || type == null ? null
                        : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null)));
            }, PROCESSOR);
            return new Tokens(segments);
        }

        boolean replaying() {
            return segments.values().stream().anyMatch(t -> t instanceof ReplayToken);
        }

        /** A token that no longer covers what it covered before: the projection was reset. */
        boolean movedBackFrom(Tokens before) {
            return before.segments.entrySet().stream().anyMatch(e -> e.getValue() != null
                    && segments.containsKey(e.getKey())
                    && (segments.get(e.getKey()) == null || !segments.get(e.getKey()).covers(e.getValue())));
        }

        /** Whether the segment that handles this doctor has handled the event at {@code position}. */
        boolean passed(TrackingToken position, Object doctor) {
            int[] ids = segments.keySet().stream().mapToInt(Integer::intValue).toArray();
            for (int id : ids) {
                if (Segment.computeSegment(id, ids.clone()).matches(doctor)) { // it sorts the array it is given
                    TrackingToken token = segments.get(id);
                    return token != null && token.covers(position);
                }
            }
            return false;
        }

        /** Where to follow from: every segment's token covers it (null: from the first event). */
        TrackingToken lowerBound() {
            TrackingToken lowest = null;
            boolean first = true;
            for (TrackingToken token : segments.values()) {
                if (token == null) {
                    return null;
                }
                lowest = first ? token : lowest.lowerBound(token);
                first = false;
            }
            return lowest;
        }
    }
}
