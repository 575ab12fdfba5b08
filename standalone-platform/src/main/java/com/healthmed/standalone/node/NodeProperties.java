package com.healthmed.standalone.node;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * This platform node among the nodes sharing one event store ({@code healthmed.node.*}).
 *
 * @param id        unique among the nodes: owner of the segments it claims (the platform sets
 *                  {@code 127.0.0.1:<api port>}); Axon's default (process id and host) is not unique for two
 *                  nodes in one JVM
 * @param segments  segments of every processing group created on first start (Axon's pooled default is 16; four
 *                  are enough to split the work of this machine's few nodes and keep the threads few)
 * @param heartbeat how often the node says it is alive
 * @param liveness  a node not heard of for this long no longer counts when the segments are shared out
 * @param batchSize at most this many events per processor transaction (Axon's default is 1): one token update and one
 *                  read-store flush per batch instead of per event; a batch is what is available, never waited for
 */
@ConfigurationProperties("healthmed.node")
public record NodeProperties(String id,
                             @DefaultValue("4") int segments,
                             @DefaultValue("2s") Duration heartbeat,
                             @DefaultValue("10s") Duration liveness,
                             @DefaultValue("100") int batchSize) {
}
