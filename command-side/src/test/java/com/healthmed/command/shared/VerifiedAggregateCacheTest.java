package com.healthmed.command.shared;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.Callable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * Two "nodes" (repositories with their own caches) on one event store: what one appends, the other decides on at
 * once when its cache is verified; with a plain cache it would decide on its stale copy.
 */
class VerifiedAggregateCacheTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void aNodeSeesWhatAnotherNodeAppendedSinceItCachedTheAggregate() throws Exception {
        var first = node(new VerifiedAggregateCache(new BoundedAggregateCache(1_000), () -> store));
        var second = node(new VerifiedAggregateCache(new BoundedAggregateCache(1_000), () -> store));
        inUnitOfWork(() -> first.newInstance(() -> new Counter("c")));
        assertThat(count(first)).isZero(); // cached by the first node
        increment(second);

        assertThat(count(first)).as("the first node's cached copy was behind the store").isEqualTo(1);
        increment(first);
        assertThat(count(second)).isEqualTo(2);
        assertThat(store.lastSequenceNumberFor("c")).contains(2L);
    }

    @Test
    void withAPlainCacheTheFirstNodeWouldDecideOnItsStaleCopy() throws Exception {
        var first = node(new BoundedAggregateCache(1_000));
        var second = node(new BoundedAggregateCache(1_000));
        inUnitOfWork(() -> first.newInstance(() -> new Counter("c")));
        assertThat(count(first)).isZero();
        increment(second);

        assertThat(count(first)).isZero();
    }

    private EventSourcingRepository<Counter> node(Cache cache) {
        return EventSourcingRepository.builder(Counter.class).eventStore(store).cache(cache).build();
    }

    private static int count(EventSourcingRepository<Counter> node) throws Exception {
        return inUnitOfWork(() -> node.load("c").invoke(counter -> counter.count));
    }

    private static void increment(EventSourcingRepository<Counter> node) throws Exception {
        inUnitOfWork(() -> {
            node.load("c").execute(Counter::increment);
            return null;
        });
    }

    private static <T> T inUnitOfWork(Callable<T> work) throws Exception {
        var result = DefaultUnitOfWork.startAndGet(null).executeWithResult(work);
        if (result.isExceptional()) {
            throw new AssertionError(result.exceptionResult());
        }
        return result.getPayload();
    }

    record Created(String id) {
    }

    record Incremented(String id) {
    }

    static class Counter {

        @AggregateIdentifier
        private String id;
        private int count;

        Counter() {
        }

        Counter(String id) {
            apply(new Created(id));
        }

        void increment() {
            apply(new Incremented(id));
        }

        @EventSourcingHandler
        void on(Created event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(Incremented event) {
            count++;
        }
    }
}
