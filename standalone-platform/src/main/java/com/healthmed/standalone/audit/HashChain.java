package com.healthmed.standalone.audit;

import com.healthmed.schema.audit.Checkpoint;
import com.healthmed.schema.audit.CheckpointPage;
import com.healthmed.schema.audit.FindCheckpointsQuery;
import com.healthmed.schema.audit.HashChainVerification;
import com.healthmed.schema.audit.VerifyHashChainQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tamper evidence for the event store: a hash chain over every stored event in global order, kept in its own
 * table ({@code audit_hash_chain}: position, hash) and extended by a background processor every second.
 * {@code hash(n) = SHA-256(hash(previous) | position | event id | aggregate type, id, sequence | timestamp |
 * payload type, revision | payload bytes | metadata bytes)}: the event exactly as stored (bytes, not the
 * deserialized object, so upcasting never changes a hash). Changing, deleting or inserting a stored event
 * below the chain's end makes the recomputed chain differ from the stored one from that event on; verification
 * names the first such event.
 *
 * <p>Global positions commit slightly out of order: the processor stops at a missing position unless the event
 * after it is older than {@link #GAP_TIMEOUT} (then the missing position was a rolled-back transaction), like
 * Axon's own gap-aware tokens. Standalone mode only: in distributed mode events live in Axon Server.
 */
@Component
public class HashChain implements SmartLifecycle {

    static final Duration GAP_TIMEOUT = Duration.ofSeconds(10);
    static final int BATCH = 2_000;
    private static final Logger log = LoggerFactory.getLogger(HashChain.class);
    private static final String EVENTS = """
            SELECT globalindex, eventidentifier, type, aggregateidentifier, sequencenumber, timestamp, payloadtype,
                   payloadrevision, payload, metadata
            FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT ?""";

    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private volatile ScheduledExecutorService processor;

    HashChain(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS audit_hash_chain (position BIGINT PRIMARY KEY, hash CHAR(64) NOT NULL)");
    }

    @Override
    public void start() {
        processor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("audit-hash-chain").daemon().factory());
        processor.scheduleWithFixedDelay(this::extend, 1, 1, TimeUnit.SECONDS);
    }

    @Override
    public void stop() {
        processor.shutdownNow();
        processor = null;
    }

    @Override
    public boolean isRunning() {
        return processor != null;
    }

    /** Extends the chain with the events stored since its end. */
    public synchronized void extend() {
        try {
            while (extendOnce() == BATCH) {
                // a full batch: more may be waiting
            }
        } catch (RuntimeException e) {
            log.warn("could not extend the audit hash chain: {}", e.toString());
        }
    }

    /** @return how many events were chained */
    int extendOnce() {
        Checkpoint last = last();
        long position = last == null ? 0 : last.position();
        byte[] previous = last == null ? new byte[32] : HexFormat.of().parseHex(last.hash());
        List<Object[]> links = new ArrayList<>();
        Instant gapDeadline = Instant.now().minus(GAP_TIMEOUT);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement events = connection.prepareStatement(EVENTS)) {
            events.setLong(1, position);
            events.setInt(2, BATCH);
            try (ResultSet row = events.executeQuery()) {
                long expected = position + 1;
                while (row.next()) {
                    long at = row.getLong("globalindex");
                    if (at != expected && !olderThan(row.getString("timestamp"), gapDeadline)) {
                        break; // a lower position may still commit
                    }
                    previous = link(previous, row);
                    links.add(new Object[]{at, HexFormat.of().formatHex(previous)});
                    expected = at + 1;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        if (!links.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO audit_hash_chain (position, hash) VALUES (?, ?) ON CONFLICT DO NOTHING", links);
        }
        return links.size();
    }

    @QueryHandler
    public CheckpointPage handle(FindCheckpointsQuery query) {
        List<Checkpoint> checkpoints = jdbc.query(
                "SELECT position, hash FROM audit_hash_chain WHERE position > ? ORDER BY position LIMIT ?",
                (row, i) -> new Checkpoint(row.getLong(1), row.getString(2)),
                query.after() == null ? 0 : query.after(), query.limit());
        Checkpoint last = last();
        Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        return new CheckpointPage(checkpoints, last == null ? null : last.position(), head);
    }

    @QueryHandler
    public HashChainVerification handle(VerifyHashChainQuery query) {
        return verify();
    }

    /**
     * Recomputes the chain from the stored events, in constant memory (a cursor over the events joined to their
     * checkpoints), and names the first event whose stored form no longer matches.
     */
    public HashChainVerification verify() {
        Checkpoint last = last();
        if (last == null) {
            return new HashChainVerification(true, 0, null, null, null, null, null);
        }
        String sql = """
                SELECT c.position AS chained, c.hash AS stored, e.globalindex, e.eventidentifier, e.type,
                       e.aggregateidentifier, e.sequencenumber, e.timestamp, e.payloadtype, e.payloadrevision,
                       e.payload, e.metadata
                FROM audit_hash_chain c FULL OUTER JOIN domainevententry e ON e.globalindex = c.position
                WHERE coalesce(c.position, e.globalindex) <= ?
                ORDER BY coalesce(c.position, e.globalindex)""";
        byte[] previous = new byte[32];
        long checked = 0;
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false); // PostgreSQL streams with a cursor only inside a transaction
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setFetchSize(1_000);
                statement.setLong(1, last.position());
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        long chained = row.getLong("chained");
                        boolean hasCheckpoint = !row.wasNull();
                        row.getLong("globalindex");
                        boolean hasEvent = !row.wasNull();
                        if (!hasEvent) {
                            return mismatch(checked, last, chained, null, null, "missing");
                        }
                        if (!hasCheckpoint) {
                            // an event below the chain's end that was never chained: inserted afterwards, or a gap
                            // the processor passed; only the former matters, and its position is after a gap
                            return mismatch(checked, last, row.getLong("globalindex"),
                                    row.getString("aggregateidentifier"), row.getString("eventidentifier"), "inserted");
                        }
                        previous = link(previous, row);
                        checked++;
                        if (!HexFormat.of().formatHex(previous).equals(row.getString("stored").trim())) {
                            return mismatch(checked, last, chained, row.getString("aggregateidentifier"),
                                    row.getString("eventidentifier"), "altered");
                        }
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new HashChainVerification(true, checked, last.position(), null, null, null, null);
    }

    private static HashChainVerification mismatch(long checked, Checkpoint last, long position, String aggregateId,
                                                  String eventId, String reason) {
        return new HashChainVerification(false, checked, last.position(), position, aggregateId, eventId, reason);
    }

    private Checkpoint last() {
        List<Checkpoint> last = jdbc.query("SELECT position, hash FROM audit_hash_chain ORDER BY position DESC LIMIT 1",
                (row, i) -> new Checkpoint(row.getLong(1), row.getString(2)));
        return last.isEmpty() ? null : last.getFirst();
    }

    private static boolean olderThan(String timestamp, Instant deadline) {
        try {
            return Instant.parse(timestamp).isBefore(deadline);
        } catch (RuntimeException unparsable) {
            return true;
        }
    }

    /** The next link: SHA-256 over the previous hash and every stored column of the event, length-prefixed. */
    static byte[] link(byte[] previous, ResultSet row) throws SQLException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        sha.update(previous);
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(row.getLong("globalindex")).array());
        for (String column : new String[]{"eventidentifier", "type", "aggregateidentifier", "timestamp",
                "payloadtype", "payloadrevision"}) {
            field(sha, text(row.getString(column)));
        }
        sha.update(ByteBuffer.allocate(Long.BYTES).putLong(row.getLong("sequencenumber")).array());
        field(sha, row.getBytes("payload"));
        field(sha, row.getBytes("metadata"));
        return sha.digest();
    }

    private static byte[] text(String value) {
        return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
    }

    private static void field(MessageDigest sha, byte[] value) {
        sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            sha.update(value);
        }
    }
}
