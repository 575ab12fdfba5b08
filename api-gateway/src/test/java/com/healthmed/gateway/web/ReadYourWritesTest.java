package com.healthmed.gateway.web;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ReadYourWritesTest {

    record Find(String id) {
    }

    private final QueryGateway queries = mock(QueryGateway.class);
    @SuppressWarnings("unchecked")
    private final SubscriptionQueryResult<Optional<String>, String> subscription = mock(SubscriptionQueryResult.class);
    // had the refusal been waited for, the 10 ms polling would have queried the read model within the 1 s wait
    private final ReadYourWrites readYourWrites = new ReadYourWrites(queries, Duration.ofSeconds(1), Duration.ofMillis(10),
            () -> true);

    @SuppressWarnings("unchecked")
    ReadYourWritesTest() {
        when(queries.subscriptionQuery(any(), any(ResponseType.class), any(ResponseType.class))).thenReturn(subscription);
        when(queries.query(any(), any(ResponseType.class))).thenReturn(CompletableFuture.completedFuture(Optional.empty()));
    }

    @Test
    void an_outcome_that_wrote_nothing_is_answered_without_reading() {
        when(subscription.initialResult()).thenReturn(Mono.just(Optional.empty()));
        when(subscription.updates()).thenReturn(Flux.never());

        var written = readYourWrites.one(new Find("a"), String.class, () -> "refused", outcome -> !outcome.equals("refused"),
                read -> true);

        assertThat(written.outcome()).isEqualTo("refused");
        assertThat(written.read()).isEmpty();
        verify(queries, never()).query(any(), any(ResponseType.class));
        verify(queries, never()).subscriptionQuery(any(), any(ResponseType.class), any(ResponseType.class));
    }

    @Test
    void the_subscription_is_made_after_the_command() {
        when(subscription.initialResult()).thenReturn(Mono.just(Optional.of("appointment a")));
        when(subscription.updates()).thenReturn(Flux.never());

        readYourWrites.one(new Find("a"), String.class, () -> {
            verify(queries, never()).subscriptionQuery(any(), any(ResponseType.class), any(ResponseType.class));
            return "booked";
        }, outcome -> true, read -> true);

        verify(queries).subscriptionQuery(any(), any(ResponseType.class), any(ResponseType.class));
        verify(subscription).close();
    }

    @Test
    void an_outcome_that_wrote_is_answered_once_the_read_model_shows_it() {
        when(subscription.initialResult()).thenReturn(Mono.just(Optional.empty()));
        when(subscription.updates()).thenReturn(Flux.just("appointment a"));

        var written = readYourWrites.one(new Find("a"), String.class, () -> "booked", outcome -> outcome.equals("booked"),
                read -> true);

        assertThat(written.outcome()).isEqualTo("booked");
        assertThat(written.read()).contains("appointment a");
        verify(subscription).close();
    }

    @Test
    void a_poll_finds_the_write_when_no_update_comes() {
        // the update was emitted by another node: only asking the query again shows the write
        when(subscription.initialResult()).thenReturn(Mono.just(Optional.empty()));
        when(subscription.updates()).thenReturn(Flux.never());
        when(queries.query(any(), any(ResponseType.class)))
                .thenReturn(CompletableFuture.completedFuture(Optional.empty()))
                .thenReturn(CompletableFuture.completedFuture(Optional.of("appointment a")));

        var written = readYourWrites.one(new Find("a"), String.class, () -> "booked", read -> true);

        assertThat(written.read()).contains("appointment a");
        verify(queries, atLeast(2)).query(any(), any(ResponseType.class));
    }

    @Test
    void alone_the_node_waits_for_its_own_update_without_asking_again() {
        when(subscription.initialResult()).thenReturn(Mono.just(Optional.empty()));
        when(subscription.updates()).thenReturn(Flux.just("appointment a").delaySubscription(Duration.ofMillis(300)));
        var alone = new ReadYourWrites(queries, Duration.ofSeconds(1), Duration.ofMillis(10), () -> false);

        var written = alone.one(new Find("a"), String.class, () -> "booked", read -> true);

        // with another node, 10, 20, 40, 80 and 100 ms polls would have asked ~5 times before the update came
        assertThat(written.read()).contains("appointment a");
        verify(queries, never()).query(any(), any(ResponseType.class));
    }

    @Test
    void a_node_that_joins_while_a_request_waits_makes_its_next_poll_ask() {
        when(subscription.initialResult()).thenReturn(Mono.just(Optional.empty()));
        when(subscription.updates()).thenReturn(Flux.never());
        var joined = new AtomicBoolean();
        List<Boolean> askedAfterTheJoin = new CopyOnWriteArrayList<>();
        when(queries.query(any(), any(ResponseType.class))).thenAnswer(invocation -> {
            askedAfterTheJoin.add(joined.get());
            return CompletableFuture.completedFuture(Optional.of("appointment a"));
        });
        var nodes = new ReadYourWrites(queries, Duration.ofSeconds(1), Duration.ofMillis(10), joined::get);

        var written = nodes.one(new Find("a"), String.class, () -> {
            CompletableFuture.delayedExecutor(150, TimeUnit.MILLISECONDS).execute(() -> joined.set(true));
            return "booked";
        }, read -> true);

        assertThat(written.read()).contains("appointment a");
        assertThat(askedAfterTheJoin).containsOnly(true).isNotEmpty();
    }

    @Test
    void polls_back_off_while_the_read_model_lags() {
        when(subscription.initialResult()).thenReturn(Mono.just(Optional.empty()));
        when(subscription.updates()).thenReturn(Flux.never());

        var written = readYourWrites.one(new Find("a"), String.class, () -> "booked", read -> true);

        // 10, 20, 40, 80, then every 100 ms: 12 polls fit in the 1 s wait, where a fixed 10 ms poll asks ~100 times
        assertThat(written.read()).isEmpty();
        verify(queries, atLeast(3)).query(any(), any(ResponseType.class));
        verify(queries, atMost(13)).query(any(), any(ResponseType.class));
        verify(subscription).close();
    }

    @Test
    void the_poll_interval_doubles_up_to_ten_times_the_first() {
        var hundred = new ReadYourWrites(queries, Duration.ofSeconds(5), Duration.ofMillis(100), () -> true);

        assertThat(java.util.stream.IntStream.range(0, 7).mapToObj(hundred::pollDelay).map(Duration::toMillis))
                .containsExactly(100L, 200L, 400L, 800L, 1000L, 1000L, 1000L);
    }
}
