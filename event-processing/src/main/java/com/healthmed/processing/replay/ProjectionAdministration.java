package com.healthmed.processing.replay;

import com.healthmed.schema.operations.FindProjectionsQuery;
import com.healthmed.schema.operations.ProjectionStatus;
import com.healthmed.schema.operations.ReplayProjectionQuery;
import com.healthmed.schema.operations.ReplayProjectionResponse;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotatedElementUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Status and replay of the processing groups that run in this service (the gateway asks every service,
 * scatter-gather, like the dead-letter administration). A replay shuts the group's streaming processor down,
 * resets its tokens to the start of the event store and starts it again; the group's {@code @ResetHandler}
 * clears its read model first, and while the replay runs {@code isReplaying} is true. Groups whose handlers
 * carry {@code @DisallowReplay} (they send commands, e-mail or publish) are refused: replaying them would repeat
 * their side effects, and Axon would skip every event of theirs anyway.
 */
public class ProjectionAdministration {

    private final EventProcessingConfiguration processing;
    private final ObjectProvider<EventStore> eventStore;
    private final ApplicationContext context;
    private final String service;

    ProjectionAdministration(EventProcessingConfiguration processing, ObjectProvider<EventStore> eventStore,
                             ApplicationContext context) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.context = context;
        this.service = context.getEnvironment().getProperty("spring.application.name", "unknown");
    }

    @QueryHandler
    public List<ProjectionStatus> handle(FindProjectionsQuery query) {
        Long head = head();
        Set<String> notReplayable = notReplayable();
        List<ProjectionStatus> statuses = new ArrayList<>();
        new TreeMap<>(processing.eventProcessors()).forEach((name, processor) ->
                statuses.add(status(name, processor, head, !notReplayable.contains(name))));
        return statuses;
    }

    @QueryHandler
    public Optional<ReplayProjectionResponse> handle(ReplayProjectionQuery query) {
        Optional<EventProcessor> found = processing.eventProcessor(query.name());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        if (!(found.get() instanceof StreamingEventProcessor streaming) || !streaming.supportsReset()) {
            return Optional.of(new ReplayProjectionResponse(query.name(), false,
                    "This processing group cannot be reset."));
        }
        if (notReplayable().contains(query.name())) {
            return Optional.of(new ReplayProjectionResponse(query.name(), false,
                    "This processing group has side effects (@DisallowReplay) and is never replayed."));
        }
        replay(streaming);
        return Optional.of(new ReplayProjectionResponse(query.name(), true, null));
    }

    /** Shut down, reset to the first event (the read model's reset handler clears it), start again. */
    public void replay(StreamingEventProcessor processor) {
        synchronized (processor) {
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
    }

    private ProjectionStatus status(String name, EventProcessor processor, Long head, boolean replayable) {
        long deadLetters = processing.deadLetterQueue(name).map(SequencedDeadLetterQueue::size).orElse(0L);
        if (!(processor instanceof StreamingEventProcessor streaming)) {
            return new ProjectionStatus(name, service, processor.isRunning(), false, true, processor.isError(), 0,
                    null, head, null, false, deadLetters);
        }
        Map<Integer, EventTrackerStatus> segments = streaming.processingStatus();
        Long position = null;
        boolean replaying = false;
        boolean caughtUp = !segments.isEmpty();
        boolean error = processor.isError();
        for (EventTrackerStatus segment : segments.values()) {
            OptionalLong at = positionOf(segment.getCurrentPosition());
            replaying |= rebuilding(segment, at);
            caughtUp &= segment.isCaughtUp();
            error |= segment.isErrorState();
            if (at.isPresent()) {
                position = position == null ? at.getAsLong() : Math.min(position, at.getAsLong());
            }
        }
        Long lag = head == null ? null : Math.max(0, head - (position == null ? -1 : position));
        return new ProjectionStatus(name, service, processor.isRunning(), replaying, caughtUp && !replaying, error,
                segments.size(), position, head, lag, replayable, deadLetters);
    }

    /**
     * Axon keeps a segment's replay flag until it handles the first event stored after the reset; the rebuild
     * itself is done once the segment reaches the position the store had at the reset.
     */
    private static boolean rebuilding(EventTrackerStatus segment, OptionalLong at) {
        if (!segment.isReplaying()) {
            return false;
        }
        OptionalLong resetAt = positionOf(segment.getResetPosition());
        return resetAt.isEmpty() || at.isEmpty() || at.getAsLong() < resetAt.getAsLong();
    }

    private static OptionalLong positionOf(OptionalLong position) {
        return position == null ? OptionalLong.empty() : position;
    }

    private Long head() {
        EventStore store = eventStore.getIfAvailable();
        TrackingToken token = store == null ? null : store.createHeadToken();
        return token == null ? null : token.position().stream().boxed().findFirst().orElse(null);
    }

    /** The groups some of whose handlers are {@code @DisallowReplay}. */
    private Set<String> notReplayable() {
        Set<String> names = new TreeSet<>();
        context.getBeansWithAnnotation(ProcessingGroup.class).values().forEach(bean -> {
            Class<?> type = AopUtils.getTargetClass(bean);
            ProcessingGroup group = AnnotatedElementUtils.findMergedAnnotation(type, ProcessingGroup.class);
            if (group != null && disallowsReplay(type)) {
                names.add(group.value());
            }
        });
        return names;
    }

    private static boolean disallowsReplay(Class<?> type) {
        if (AnnotatedElementUtils.hasAnnotation(type, DisallowReplay.class)) {
            return true;
        }
        for (var method : type.getDeclaredMethods()) {
            if (AnnotatedElementUtils.hasAnnotation(method, DisallowReplay.class)) {
                return true;
            }
        }
        return false;
    }
}
