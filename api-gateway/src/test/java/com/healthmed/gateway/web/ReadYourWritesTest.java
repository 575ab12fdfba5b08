package com.healthmed.gateway.web;

import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
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
    private final ReadYourWrites readYourWrites = new ReadYourWrites(queries, Duration.ofSeconds(1), Duration.ofMillis(10));

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
}
