package com.healthmed.standalone.node;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The platform nodes that share the event store, in PostgreSQL ({@code platform_node}: id, API address, last
 * heartbeat, by the database's clock). Each node renews its row every {@link NodeProperties#heartbeat()} and
 * removes it when it stops; a killed node's row simply ages out. The number of live nodes sets each node's fair
 * share of every processing group's segments ({@link SegmentSharing}).
 */
public class NodeRegistry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);

    private final JdbcTemplate jdbc;
    private final NodeProperties properties;
    private final String apiUrl;
    private volatile int liveNodes = 1;
    private volatile ScheduledExecutorService heartbeats;

    public record Node(String id, String apiUrl) {
    }

    NodeRegistry(DataSource dataSource, NodeProperties properties, String apiUrl) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.properties = properties;
        this.apiUrl = apiUrl;
        jdbc.execute("CREATE TABLE IF NOT EXISTS platform_node (node_id VARCHAR(255) PRIMARY KEY, "
                + "api_url VARCHAR(255), heartbeat TIMESTAMPTZ NOT NULL)");
    }

    public String nodeId() {
        return properties.id();
    }

    /** Nodes heard of within the liveness period, this one included (at least 1). */
    public int liveNodes() {
        return liveNodes;
    }

    public List<Node> live() {
        return jdbc.query("SELECT node_id, api_url FROM platform_node WHERE heartbeat > now() - make_interval(secs => ?) "
                        + "ORDER BY node_id", (row, i) -> new Node(row.getString(1), row.getString(2)),
                (double) properties.liveness().toMillis() / 1000);
    }

    void beat() {
        try {
            jdbc.update("INSERT INTO platform_node (node_id, api_url, heartbeat) VALUES (?, ?, now()) "
                    + "ON CONFLICT (node_id) DO UPDATE SET api_url = excluded.api_url, heartbeat = now()",
                    properties.id(), apiUrl);
            int live = live().size();
            if (live != liveNodes) {
                log.info("{} platform node(s) share the event store", live);
            }
            liveNodes = Math.max(1, live);
        } catch (RuntimeException e) {
            log.warn("node heartbeat failed: {}", e.toString());
        }
    }

    @Override
    public void start() {
        beat();
        heartbeats = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("node-heartbeat").daemon().factory());
        long every = properties.heartbeat().toMillis();
        heartbeats.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        if (heartbeats == null) {
            return;
        }
        heartbeats.shutdownNow();
        heartbeats = null;
        try {
            jdbc.update("DELETE FROM platform_node WHERE node_id = ?", properties.id());
        } catch (RuntimeException e) {
            log.warn("could not unregister node {}: {}", properties.id(), e.toString());
        }
    }

    @Override
    public boolean isRunning() {
        return heartbeats != null;
    }

    /** Started before the event processors (and stopped after them), so the first share already counts this node. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
