package com.healthmed.load.booking;

import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Milliseconds per outcome (e.g. per HTTP status), summarised as percentiles for the run's own report. */
public final class Latencies {

    private final Map<String, Queue<Long>> byOutcome = new ConcurrentHashMap<>();

    public void add(String outcome, long millis) {
        byOutcome.computeIfAbsent(outcome, o -> new ConcurrentLinkedQueue<>()).add(millis);
    }

    public int count(String outcome) {
        var values = byOutcome.get(outcome);
        return values == null ? 0 : values.size();
    }

    public String summary() {
        var text = new StringBuilder();
        new TreeMap<>(byOutcome).forEach((outcome, values) -> {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            text.append(String.format("%s: %d, p50 %d ms, p95 %d ms, p99 %d ms, max %d ms; ", outcome, sorted.length,
                    percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99), sorted[sorted.length - 1]));
        });
        return text.toString();
    }

    /** The percentile over every outcome together; -1 when nothing was recorded. */
    public long percentileOfAll(int p) {
        long[] sorted = byOutcome.values().stream().flatMap(Queue::stream).mapToLong(Long::longValue).sorted().toArray();
        return sorted.length == 0 ? -1 : percentile(sorted, p);
    }

    private static long percentile(long[] sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }
}
