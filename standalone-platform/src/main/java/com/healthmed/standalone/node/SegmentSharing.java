package com.healthmed.standalone.node;

import com.healthmed.gateway.web.OtherProjectingNodes;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * Several platform nodes share the work of every processing group. Each group runs as a pooled streaming
 * processor (Axon 4's default would be a tracking processor with one segment: one thread on one node) whose
 * tokens are created with {@link NodeProperties#segments()} segments; segments are claimed in PostgreSQL's
 * {@code tokenentry}, owner = the node id. A node claims at most its fair share, segments divided by the live
 * nodes rounded up, and Axon releases what it holds above that share, so a node that joins gets its part within
 * a few claim intervals, and the segments of a node that stops (its claims released) or dies (its claims time out
 * after {@link #CLAIM_TIMEOUT}) are taken over by the others.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(NodeProperties.class)
public class SegmentSharing {

    /** A claim not renewed for this long is free: how long a killed node's segments wait. */
    static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(10);

    @Bean
    NodeRegistry nodeRegistry(DataSource dataSource, NodeProperties properties,
                              @Value("${server.address:127.0.0.1}") String address, @Value("${server.port:8080}") int port) {
        return new NodeRegistry(dataSource, withId(properties), "http://" + address + ":" + port);
    }

    /** Axon's token store, with this node's id as the owner of its claims. */
    @Bean
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer, NodeRegistry nodes) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .nodeId(nodes.nodeId())
                .claimTimeout(CLAIM_TIMEOUT)
                .build();
    }

    @Bean
    ConfigurerModule pooledProcessorsSharedBetweenNodes(NodeProperties properties, NodeRegistry nodes) {
        int segments = properties.segments();
        return configurer -> configurer.eventProcessing().usingPooledStreamingEventProcessors((config, builder) ->
                builder.initialSegmentCount(segments)
                        .batchSize(properties.batchSize())
                        .maxSegmentProvider(group -> fairShare(segments, nodes.liveNodes())));
    }

    /**
     * Alone, this node projects everything its requests wait for, so read-your-writes need not ask again. The
     * count that grows when a node joins is the one this node's share shrinks by: polls resume before any segment
     * moves to the new node.
     */
    @Bean
    OtherProjectingNodes otherProjectingNodes(NodeRegistry nodes) {
        return () -> nodes.liveNodes() > 1;
    }

    static int fairShare(int segments, int liveNodes) {
        return Math.max(1, Math.ceilDiv(segments, Math.max(1, liveNodes)));
    }

    private static NodeProperties withId(NodeProperties properties) {
        return properties.id() != null ? properties
                : new NodeProperties(ManagementFactory.getRuntimeMXBean().getName(), properties.segments(),
                properties.heartbeat(), properties.liveness(), properties.batchSize());
    }
}
