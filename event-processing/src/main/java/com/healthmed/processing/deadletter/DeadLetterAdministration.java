package com.healthmed.processing.deadletter;

import com.healthmed.schema.operations.DeadLetterEntry;
import com.healthmed.schema.operations.DeadLetterRetryResponse;
import com.healthmed.schema.operations.FindDeadLettersQuery;
import com.healthmed.schema.operations.ProcessingGroupDeadLetters;
import com.healthmed.schema.operations.RetryDeadLettersQuery;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.queryhandling.QueryHandler;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Lists and retries the parked events of the processing groups that run in this service. The gateway asks every
 * service (scatter-gather), so in distributed mode the command side and the query side each answer for their own
 * groups.
 */
public class DeadLetterAdministration {

    private final EventProcessingConfiguration processing;

    DeadLetterAdministration(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @QueryHandler
    public List<ProcessingGroupDeadLetters> handle(FindDeadLettersQuery query) {
        List<ProcessingGroupDeadLetters> groups = new ArrayList<>();
        for (String group : processingGroups()) {
            processing.deadLetterQueue(group).ifPresent(queue -> groups.add(describe(group, queue, query.maxLettersPerGroup())));
        }
        return groups;
    }

    /** Retries every parked sequence of the group once; an answer only from the service that runs the group. */
    @QueryHandler
    public Optional<DeadLetterRetryResponse> handle(RetryDeadLettersQuery query) {
        var queue = processing.deadLetterQueue(query.processingGroup());
        var processor = processing.sequencedDeadLetterProcessor(query.processingGroup());
        if (queue.isEmpty() || processor.isEmpty()) {
            return Optional.empty();
        }
        long parkedSequences = queue.get().amountOfSequences();
        int processed = 0;
        for (long i = 0; i < parkedSequences; i++) {
            // one sequence per call; a sequence that fails again stays claimed for a while, so this ends
            if (processor.get().processAny()) {
                processed++;
            }
        }
        return Optional.of(new DeadLetterRetryResponse(query.processingGroup(), processed, queue.get().size()));
    }

    /** Retries every group with parked events (the automatic retry). */
    void retryAll() {
        for (String group : processingGroups()) {
            processing.deadLetterQueue(group)
                    .filter(queue -> queue.amountOfSequences() > 0)
                    .ifPresent(queue -> handle(new RetryDeadLettersQuery(group)));
        }
    }

    private TreeSet<String> processingGroups() {
        return new TreeSet<>(processing.eventProcessors().keySet());
    }

    private static ProcessingGroupDeadLetters describe(String group, SequencedDeadLetterQueue<EventMessage<?>> queue,
                                                       int maxLetters) {
        List<DeadLetterEntry> items = new ArrayList<>();
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (items.size() >= maxLetters) {
                    break;
                }
                items.add(entry(letter));
            }
            if (items.size() >= maxLetters) {
                break;
            }
        }
        return new ProcessingGroupDeadLetters(group, queue.amountOfSequences(), queue.size(), items);
    }

    private static DeadLetterEntry entry(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> event = letter.message();
        String aggregateType = null;
        String aggregateId = null;
        Long sequenceNumber = null;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateType = domainEvent.getType();
            aggregateId = domainEvent.getAggregateIdentifier();
            sequenceNumber = domainEvent.getSequenceNumber();
        }
        return new DeadLetterEntry(String.valueOf(sequenceIdentifierOf(letter)), event.getIdentifier(),
                event.getPayloadType().getName(), aggregateType, aggregateId, sequenceNumber,
                letter.cause().map(Cause::type).orElse(null), letter.cause().map(Cause::message).orElse(null),
                letter.enqueuedAt(), letter.lastTouched(),
                DeadLetterConfiguration.attemptsOf(letter.diagnostics().get(DeadLetterConfiguration.ATTEMPTS)));
    }

    private static Object sequenceIdentifierOf(DeadLetter<?> letter) {
        return letter instanceof org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter<?> jdbc
                ? jdbc.getSequenceIdentifier() : null;
    }
}
