package com.healthmed.gateway.web;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Read your own writes: the read side is updated asynchronously, so a client that reads the resource named in a
 * 201 right away could get a 404. The gateway subscribes to the resource's query before it sends the command,
 * then answers only once the read model shows the write (or after a bounded wait, with what the command
 * returned: the write was made and is never undone because the read side is slow).
 */
@Component
public class ReadYourWrites {

    private static final Duration POLL = Duration.ofMillis(10);

    private final QueryGateway queries;
    private final Duration wait;

    ReadYourWrites(QueryGateway queries, @Value("${healthmed.gateway.read-your-writes-wait:5s}") Duration wait) {
        this.queries = queries;
        this.wait = wait;
    }

    /** The outcome of a write, and the read model's view of it once visible (empty if it lagged too long). */
    public record Written<T, R>(T outcome, Optional<R> read) {
    }

    /** For a query answered with one optional resource, updated with that resource. */
    public <T, R> Written<T, R> one(Object query, Class<R> type, Supplier<T> command, Predicate<R> visible) {
        return await(queries.subscriptionQuery(query, ResponseTypes.optionalInstanceOf(type),
                ResponseTypes.instanceOf(type)), Function.identity(), command, visible);
    }

    /** For a query answered with a list, updated with the whole new list. */
    public <T, E> Written<T, List<E>> list(Object query, Class<E> type, Supplier<T> command,
                                           Predicate<List<E>> visible) {
        ResponseType<List<E>> lists = ResponseTypes.multipleInstancesOf(type);
        return await(queries.subscriptionQuery(query, lists, lists), Optional::ofNullable, command, visible);
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

    private <I, U, T> Written<T, U> await(SubscriptionQueryResult<I, U> subscription, Function<I, Optional<U>> initial,
                                          Supplier<T> command, Predicate<U> visible) {
        try {
            T outcome = command.get();
            Optional<U> read;
            try {
                read = Flux.concat(subscription.initialResult().flatMapMany(i -> Flux.fromStream(initial.apply(i).stream())),
                                subscription.updates())
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
