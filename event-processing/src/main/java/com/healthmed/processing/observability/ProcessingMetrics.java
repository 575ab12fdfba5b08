package com.healthmed.processing.observability;

import com.healthmed.processing.replay.ProjectionAdministration;
import com.healthmed.schema.operations.FindProjectionsQuery;
import com.healthmed.schema.operations.ProjectionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Gauges per processing group of this service, from the same status the admin endpoint shows
 * ({@link ProjectionAdministration}): position, lag (events stored but not yet handled), parked dead letters,
 * replaying. Registered once Axon's processors exist (after start); one status read serves all gauges of a scrape.
 */
public class ProcessingMetrics implements ApplicationListener<ApplicationStartedEvent> {

    public static final String POSITION = "healthmed.processor.position";
    public static final String LAG = "healthmed.processor.lag";
    public static final String REPLAYING = "healthmed.processor.replaying";
    public static final String DEAD_LETTERS = "healthmed.dead.letters";
    static final String GROUP = "group";
    /** A scrape reads every gauge at once; one status read (a count query per dead-letter queue) serves them all. */
    private static final Duration FRESH = Duration.ofSeconds(1);

    private final ProjectionAdministration administration;
    private final MeterRegistry registry;
    private final Clock clock;
    private volatile Snapshot snapshot = new Snapshot(Instant.MIN, Map.of());

    private record Snapshot(Instant at, Map<String, ProjectionStatus> byGroup) {
    }

    ProcessingMetrics(ProjectionAdministration administration, MeterRegistry registry, Clock clock) {
        this.administration = administration;
        this.registry = registry;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        register();
    }

    void register() {
        for (String group : statuses().keySet()) {
            gauge(POSITION, group, "Global index of the last event the group handled (lowest over its segments)",
                    s -> s.position() == null ? -1 : s.position());
            gauge(LAG, group, "Events in the store the group has not handled yet",
                    s -> s.lag() == null ? Double.NaN : s.lag());
            gauge(REPLAYING, group, "1 while the group rebuilds its read model from history",
                    s -> s.replaying() ? 1 : 0);
            gauge(DEAD_LETTERS, group, "Events parked in the group's dead-letter queue", ProjectionStatus::deadLetters);
        }
    }

    private void gauge(String name, String group, String description, ToDoubleFunction<ProjectionStatus> value) {
        Gauge.builder(name, this, metrics -> {
                    ProjectionStatus status = metrics.statuses().get(group);
                    return status == null ? Double.NaN : value.applyAsDouble(status);
                })
                .tag(GROUP, group)
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    private Map<String, ProjectionStatus> statuses() {
        Snapshot current = snapshot;
        Instant now = clock.instant();
        if (current.at().plus(FRESH).isAfter(now)) {
            return current.byGroup();
        }
        Map<String, ProjectionStatus> byGroup = administration.handle(new FindProjectionsQuery(true)).stream()
                .collect(Collectors.toUnmodifiableMap(ProjectionStatus::name, Function.identity()));
        snapshot = new Snapshot(now, byGroup);
        return byGroup;
    }
}
