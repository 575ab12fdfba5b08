package com.healthmed.load.booking;

import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Milliseconds per outcome (e.g. per HTTP status), summarised as percentiles for the run's own report. */
final class Latencies {

    private final Map<String, Queue<Long>> byOutcome = new ConcurrentHashMap<>();

    void add(String outcome, long millis) {
        byOutcome.computeIfAbsent(outcome, o -> new ConcurrentLinkedQueue<>()).add(millis);
    }

    int count(String outcome) {
        var values = byOutcome.get(outcome);
        return values == null ? 0 : values.size();
    }

    String summary() {
        var text = new StringBuilder();
        new TreeMap<>(byOutcome).forEach((outcome, values) -> {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            text.append(String.format("%s: %d, p50 %d ms, p95 %d ms, p99 %d ms, max %d ms; ", outcome, sorted.length,
                    percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1]));
        });
        return text.toString();
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
