package com.healthmed.gateway.web;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Read your own writes: the read side is updated asynchronously, so a client that reads the resource named in a
 * 201 right away could get a 404. Once the command has written, the gateway subscribes to the resource's query and
 * answers only once the read model shows the write (or after a bounded wait, with what the command returned: the
 * write was made and is never undone because the read side is slow). Subscribing after the command misses nothing:
 * the subscription registers for updates before its initial query runs, so an update made before it registered is
 * in the initial result. Not subscribing before the command keeps commands that queue on a busy aggregate (2,000
 * attempts on one doctor) from holding thousands of subscriptions open, which Axon's update emitter scans on every
 * registration. Updates are emitted by the node
 * whose projection handled the event; when several standalone nodes share the work that may be another node, so
 * the query is also asked again while waiting: after {@code healthmed.gateway.read-your-writes-poll} (100 ms), then
 * at doubling intervals up to ten times that. On one node the update comes first and the polls only cost (asking
 * every 100 ms, the bookings waiting on a lagging read side took 4 % of the CPU of a booking burst in Reactor's
 * timer threads, plus their reads in the embedded MongoDB server, docs/benchmarks.md), so a poll is skipped while
 * {@link OtherProjectingNodes} says no other node projects.
 */
@Component
public class ReadYourWrites {

    private static final Duration POLL = Duration.ofMillis(10);
    /** 2^4 = 16 times {@link #poll} is past the ten times it is capped at. */
    private static final int MAX_DOUBLINGS = 4;

    private final QueryGateway queries;
    private final Duration wait;
    private final Duration poll;
    private final OtherProjectingNodes otherNodes;

    @Autowired
    ReadYourWrites(QueryGateway queries, @Value("${healthmed.gateway.read-your-writes-wait:5s}") Duration wait,
                   @Value("${healthmed.gateway.read-your-writes-poll:100ms}") Duration poll,
                   ObjectProvider<OtherProjectingNodes> otherNodes) {
        this(queries, wait, poll, otherNodes.getIfAvailable(() -> () -> true));
    }

    ReadYourWrites(QueryGateway queries, Duration wait, Duration poll, OtherProjectingNodes otherNodes) {
        this.queries = queries;
        this.wait = wait;
        this.poll = poll;
        this.otherNodes = otherNodes;
    }

    /** The outcome of a write, and the read model's view of it once visible (empty if it lagged too long). */
    public record Written<T, R>(T outcome, Optional<R> read) {
    }

    /** For a query answered with one optional resource, updated with that resource. */
    public <T, R> Written<T, R> one(Object query, Class<R> type, Supplier<T> command, Predicate<R> visible) {
        return one(query, type, command, outcome -> true, visible);
    }

    /**
     * As {@link #one(Object, Class, Supplier, Predicate)}, for a command that may write nothing: when {@code wrote}
     * says the outcome wrote nothing (a refusal returned as an answer), there is nothing to wait for and the outcome
     * is returned at once, with an empty read.
     */
    public <T, R> Written<T, R> one(Object query, Class<R> type, Supplier<T> command, Predicate<T> wrote,
                                    Predicate<R> visible) {
        ResponseType<Optional<R>> initialType = ResponseTypes.optionalInstanceOf(type);
        return await(() -> queries.subscriptionQuery(query, initialType, ResponseTypes.instanceOf(type)), Function.identity(),
                polled(query, initialType, Function.identity()), command, wrote, visible);
    }

    /** For a query answered with a list, updated with the whole new list. */
    public <T, E> Written<T, List<E>> list(Object query, Class<E> type, Supplier<T> command,
                                           Predicate<List<E>> visible) {
        ResponseType<List<E>> lists = ResponseTypes.multipleInstancesOf(type);
        return await(() -> queries.subscriptionQuery(query, lists, lists), Optional::ofNullable,
                polled(query, lists, Optional::ofNullable), command, outcome -> true, visible);
    }

    /**
     * After a removal: waits (bounded, polling) until the read model no longer shows the resource, so a list read
     * right after a 204 does not offer what was just deleted. Removals emit no subscription update to wait for.
     */
    public void untilGone(BooleanSupplier stillShown) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (stillShown.getAsBoolean() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The query asked again, first after {@link #poll}, then at doubling intervals (nothing if polling is off), each
     * time another node may project it.
     */
    private <I, U> Flux<U> polled(Object query, ResponseType<I> type, Function<I, Optional<U>> read) {
        if (poll.isZero() || poll.isNegative()) {
            return Flux.empty();
        }
        // unbounded on its own: the wait's timeout, or the first visible answer, cancels it
        return Flux.range(0, Integer.MAX_VALUE)
                .concatMap(attempt -> Mono.delay(pollDelay(attempt))
                        .then(Mono.defer(() -> otherNodes.mayExist()
                                ? Mono.fromFuture(() -> queries.query(query, type)) : Mono.<I>empty())))
                .flatMap(answer -> Flux.fromStream(read.apply(answer).stream()));
    }

    /** Before poll number {@code attempt} (from 0): {@link #poll}, doubled each time, at most ten times it. */
    Duration pollDelay(int attempt) {
        Duration doubled = poll.multipliedBy(1L << Math.min(attempt, MAX_DOUBLINGS));
        Duration longest = poll.multipliedBy(10);
        return doubled.compareTo(longest) < 0 ? doubled : longest;
    }

    private <I, U, T> Written<T, U> await(Supplier<SubscriptionQueryResult<I, U>> subscribe,
                                          Function<I, Optional<U>> initial, Flux<U> polled, Supplier<T> command,
                                          Predicate<T> wrote, Predicate<U> visible) {
        T outcome = command.get();
        if (!wrote.test(outcome)) {
            return new Written<>(outcome, Optional.empty());
        }
        SubscriptionQueryResult<I, U> subscription = subscribe.get();
        try {
            Optional<U> read;
            try {
                read = Flux.merge(Flux.concat(subscription.initialResult()
                                        .flatMapMany(i -> Flux.fromStream(initial.apply(i).stream())),
                                subscription.updates()), polled)
                        .filter(visible)
                        .next()
                        .blockOptional(wait);
            } catch (IllegalStateException timedOut) {
                read = Optional.empty();
            }
            return new Written<>(outcome, read);
        } finally {
            subscription.close();
        }
    }
}
