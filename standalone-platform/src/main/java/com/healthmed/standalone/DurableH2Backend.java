package com.healthmed.standalone;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * mongo-java-server's H2 backend, answering a write only once it is on disk. The plain backend leaves writes in
 * memory until MVStore's background commit about a second later, so a crash lost writes already acknowledged: a
 * projection's documents behind its tracking token (stored in PostgreSQL after the handler returned), or an
 * upload's bytes and wrapped key after its 201. Here each write command commits the store and forces the file
 * before its answer leaves; writers that arrive while one flush runs share the next one (group commit).
 * <p>
 * Two exceptions, as on real MongoDB: a write whose write concern says {@code j: false} is answered once applied
 * (it reaches the disk with the next flush), and the {@code fsync} command makes everything applied so far durable.
 * The projections use both: their writes unjournaled, one {@code fsync} per batch before its token is stored
 * ({@link ReadStoreBatchFlush}). Anything else, e.g. what the gateway acknowledges directly, stays durable per write.
 */
final class DurableH2Backend extends H2Backend {

    /** Commands that change data (lower case); everything else only reads. */
    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "create", "drop",
            "dropdatabase", "createindexes", "dropindexes", "renamecollection");

    private final MVStore store;
    private final boolean force;
    private final AtomicLong applied = new AtomicLong();
    private final ReentrantLock flushing = new ReentrantLock();
    /** Every write numbered up to this is on disk. */
    private volatile long durable;

    /**
     * @param force whether each flush also forces the file to the device (survives a power loss), or only hands it to
     *              the operating system (survives a crash or kill of this JVM, the case the crash test covers)
     */
    DurableH2Backend(MVStore store, boolean force) {
        super(store);
        this.store = store;
        this.force = force;
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        // getMvStore(), not this.store: H2Backend's constructor already reopens the databases in the file
        return IdFirstH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String database, String command, Document query) {
        String name = command.toLowerCase(Locale.ROOT);
        if (name.equals("fsync")) {
            awaitDurable(applied.get());
            return new Document("ok", 1.0);
        }
        if (!WRITES.contains(name)) {
            return super.handleCommand(channel, database, command, query);
        }
        try {
            return super.handleCommand(channel, database, command, query);
        } finally {
            // counted also after a failed write: an ordered batch may have applied its first documents
            long write = applied.incrementAndGet();
            if (!unjournaled(query)) {
                awaitDurable(write);
            }
        }
    }

    private static boolean unjournaled(Document query) {
        return query.get("writeConcern") instanceof Document concern && Boolean.FALSE.equals(concern.get("j"));
    }

    private void awaitDurable(long write) {
        flushing.lock();
        try {
            if (durable >= write) {
                return; // the flush that just ran started after this write was applied
            }
            long upTo = applied.get();
            store.commit();
            if (force) {
                store.sync();
            }
            durable = upTo;
        } finally {
            flushing.unlock();
        }
    }
}
