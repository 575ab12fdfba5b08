package com.healthmed.command.scheduling;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * The latest version of an aggregate in the store, as read by a query that started after a given moment, shared
 * by the simultaneous callers that may use it: one query answers every request that arrived before it started,
 * so a burst of refusals on one schedule costs a few queries, not one each.
 */
final class LatestVersionProbe {

    private static final int ATTEMPTS = 4;

    private record Probe(long startedNanos, CompletableFuture<Optional<Long>> latest) {
    }

    private final Function<String, Optional<Long>> query;
    private final ConcurrentMap<String, Probe> probes = new ConcurrentHashMap<>();

    LatestVersionProbe(Function<String, Optional<Long>> query) {
        this.query = query;
    }

    /** The latest version read by a query sent after {@code sinceNanos} ({@link System#nanoTime()}). */
    Optional<Long> latestSince(String aggregateId, long sinceNanos) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Probe current = probes.get(aggregateId);
            if (current != null && current.startedNanos() - sinceNanos > 0) {
                return current.latest().join();
            }
            var mine = new Probe(System.nanoTime(), new CompletableFuture<>());
            boolean claimed = current == null ? probes.putIfAbsent(aggregateId, mine) == null
                    : probes.replace(aggregateId, current, mine);
            if (claimed) {
                try {
                    Optional<Long> latest = query.apply(aggregateId);
                    mine.latest().complete(latest);
                    return latest;
                } catch (RuntimeException e) {
                    mine.latest().completeExceptionally(e);
                    probes.remove(aggregateId, mine);
                    throw e;
                }
            }
        }
        // lost every race to newer probes: ask the store itself
        return query.apply(aggregateId);
    }
}
