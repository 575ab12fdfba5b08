package com.healthmed.load.users;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;

import static java.util.stream.Collectors.toCollection;

/**
 * The resident memory (VmRSS of /proc/<pid>/status, summed over a process tree) of the platform's processes, sampled
 * during a run; the highest sample of each and of their sums is reported. The processes are found from the
 * platform's data folder ({@code load.data}, {@code data}): Keycloak's {@code keycloak/keycloak.pid} (kc.sh and the
 * JVM under it), its parent the platform JVM, and PostgreSQL's {@code postgres/postmaster.pid} with its backends.
 * Keycloak runs under the platform JVM, so each process is counted once, in the innermost measured tree holding it
 * ({@link #attribute}): the platform JVM's figure is the JVM without Keycloak. Only a platform on this machine can be
 * measured; without its data folder the report says so.
 */
final class Memory {

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> highest = new LinkedHashMap<>();
    private long highestPlatformAndKeycloak;
    private long highestAll;

    private Memory() {
    }

    static Memory ofPlatform() {
        var memory = new Memory();
        Path data = Path.of(System.getProperty("load.data", "data"));
        Optional<Long> keycloak = firstNumber(data.resolve("keycloak/keycloak.pid"));
        Optional<Long> platform = Optional.ofNullable(Long.getLong("load.platformPid"))
                .or(() -> keycloak.flatMap(ProcessHandle::of).flatMap(ProcessHandle::parent).map(ProcessHandle::pid));
        platform.ifPresent(pid -> memory.pids.put("platform JVM", pid));
        keycloak.ifPresent(pid -> memory.pids.put("Keycloak", pid));
        firstNumber(data.resolve("postgres/postmaster.pid")).ifPresent(pid -> memory.pids.put("PostgreSQL", pid));
        return memory;
    }

    void sampleEvery(ScheduledExecutorService scheduler, Duration period) {
        if (!pids.isEmpty()) {
            scheduler.scheduleAtFixedRate(this::sample, 0, period.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    synchronized void sample() {
        long platformAndKeycloak = 0;
        long all = 0;
        var processes = attribute(pids, root -> ProcessHandle.of(root).stream()
                .flatMap(ProcessHandle::descendants).map(ProcessHandle::pid));
        for (var process : processes.entrySet()) {
            long kilobytes = process.getValue().stream().mapToLong(Memory::rss).sum();
            highest.merge(process.getKey(), kilobytes, Math::max);
            all += kilobytes;
            if (!process.getKey().equals("PostgreSQL")) {
                platformAndKeycloak += kilobytes;
            }
        }
        highestPlatformAndKeycloak = Math.max(highestPlatformAndKeycloak, platformAndKeycloak);
        highestAll = Math.max(highestAll, all);
    }

    synchronized String summary() {
        if (highest.isEmpty()) {
            return "RSS not sampled (no platform data folder at load.data: the platform runs elsewhere)";
        }
        var text = new StringBuilder("highest RSS sampled every 2 s: ");
        highest.forEach((name, kilobytes) ->
                text.append(String.format("%s (pid %d) %d MiB, ", name, pids.get(name), kilobytes / 1024)));
        text.append(String.format("platform JVM + Keycloak %d MiB (goal <= 2,560 MiB: %s), with PostgreSQL %d MiB",
                highestPlatformAndKeycloak / 1024, highestPlatformAndKeycloak <= 2560L * 1024 ? "MET" : "NOT MET",
                highestAll / 1024));
        return text.toString();
    }

    /**
     * The processes counted under each name: its root and the root's descendants, less the trees of the other
     * measured roots among them (Keycloak's tree is not counted again in the platform JVM's).
     */
    static Map<String, Set<Long>> attribute(Map<String, Long> roots, Function<Long, Stream<Long>> descendants) {
        Map<String, Set<Long>> trees = new LinkedHashMap<>();
        roots.forEach((name, root) -> trees.put(name,
                Stream.concat(Stream.of(root), descendants.apply(root)).collect(toCollection(LinkedHashSet::new))));
        Map<String, Set<Long>> own = new LinkedHashMap<>();
        trees.forEach((name, tree) -> {
            Set<Long> counted = new LinkedHashSet<>(tree);
            roots.forEach((other, otherRoot) -> {
                if (!other.equals(name) && !otherRoot.equals(roots.get(name)) && tree.contains(otherRoot)) {
                    counted.removeAll(trees.get(other));
                }
            });
            own.put(name, counted);
        });
        return own;
    }

    /** VmRSS in kB; a process gone meanwhile counts 0. */
    private static long rss(long pid) {
        try (var lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(line -> line.startsWith("VmRSS:")).findFirst()
                    .map(line -> Long.parseLong(line.replaceAll("\\D", ""))).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static Optional<Long> firstNumber(Path file) {
        try (var lines = Files.lines(file)) {
            return lines.findFirst().map(String::strip).filter(line -> line.matches("\\d+")).map(Long::parseLong);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
