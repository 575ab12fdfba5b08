package com.healthmed.command.audit;

import com.healthmed.schema.audit.AuditEventResponse;
import com.healthmed.schema.audit.AuditEventPage;
import com.healthmed.schema.audit.FindAuditEventsQuery;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The auditors' view of the event store: every stored event in global order, page by page, through Axon's
 * {@link EventStore#openStream(TrackingToken)} (the same API in both modes: the JDBC engine in standalone mode,
 * Axon Server in distributed mode). That stream reads the events table only, never snapshots, so the history of
 * an aggregate is complete; it is read in batches, so a page costs constant memory, and the gateway asks for
 * the next page from the last position read. Filters are applied while reading: the stream is not indexed by
 * aggregate or type, so a selective filter scans (at most {@code maxScanned} events per page).
 */
@Component
public class AuditHistory {

    /** Events commit slightly out of timestamp order; a page stops once it reads events this far past {@code to}. */
    static final Duration COMMIT_ORDER_TOLERANCE = Duration.ofMinutes(1);

    private final EventStore events;
    private final Serializer serializer;

    /** The message serializer, not the event serializer: the payload is shown as read, never encrypted again. */
    AuditHistory(EventStore events, @Qualifier("messageSerializer") Serializer serializer) {
        this.events = events;
        this.serializer = serializer;
    }

    @QueryHandler
    public AuditEventPage handle(FindAuditEventsQuery query) {
        TrackingToken start = startOf(query);
        List<AuditEventResponse> page = new ArrayList<>();
        Long lastScanned = null;
        int scanned = 0;
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(start)) {
            while (page.size() < query.maxEvents() && scanned < query.maxScanned()) {
                if (!stream.hasNextAvailable()) {
                    return new AuditEventPage(page, lastScanned, true);
                }
                TrackedEventMessage<?> event = stream.nextAvailable();
                scanned++;
                lastScanned = event.trackingToken().position().orElse(lastScanned == null ? 0 : lastScanned + 1);
                if (query.to() != null && event.getTimestamp().isAfter(query.to().plus(COMMIT_ORDER_TOLERANCE))) {
                    return new AuditEventPage(page, lastScanned, true);
                }
                if (matches(query, event)) {
                    page.add(describe(lastScanned, event));
                }
            }
            return new AuditEventPage(page, lastScanned, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event store", e);
        }
    }

    private TrackingToken startOf(FindAuditEventsQuery query) {
        if (query.after() == null) {
            return query.from() == null ? null : events.createTokenAt(query.from());
        }
        TrackingToken head = events.createHeadToken();
        return head instanceof GlobalSequenceTrackingToken
                ? new GlobalSequenceTrackingToken(query.after())
                : GapAwareTrackingToken.newInstance(query.after(), Set.of());
    }

    private static boolean matches(FindAuditEventsQuery query, TrackedEventMessage<?> event) {
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d && d.getType() != null ? d : null;
        if (query.aggregateId() != null && (domain == null || !query.aggregateId().equals(domain.getAggregateIdentifier()))) {
            return false;
        }
        if (query.aggregateType() != null && (domain == null || !query.aggregateType().equals(domain.getType()))) {
            return false;
        }
        if (query.type() != null) {
            Class<?> type = event.getPayloadType();
            if (!query.type().equals(type.getSimpleName()) && !query.type().equals(type.getName())) {
                return false;
            }
        }
        if (query.from() != null && event.getTimestamp().isBefore(query.from())) {
            return false;
        }
        return query.to() == null || !event.getTimestamp().isAfter(query.to());
    }

    private AuditEventResponse describe(long position, TrackedEventMessage<?> event) {
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> d && d.getType() != null ? d : null;
        Map<String, String> metaData = new LinkedHashMap<>();
        event.getMetaData().forEach((key, value) -> metaData.put(key, String.valueOf(value)));
        Class<?> type = event.getPayloadType();
        Revision revision = type.getAnnotation(Revision.class);
        String payload = serializer.serialize(event.getPayload(), String.class).getData();
        return new AuditEventResponse(position, domain == null ? null : domain.getType(),
                domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(), type.getName(),
                revision == null ? null : revision.value(), event.getTimestamp(), metaData, payload);
    }
}
