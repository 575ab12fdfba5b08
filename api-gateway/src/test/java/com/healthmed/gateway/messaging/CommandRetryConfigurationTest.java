package com.healthmed.gateway.messaging;

import com.healthmed.schema.shared.Rejection;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandRetryConfigurationTest {

    record Book(String id) {
    }

    private final SimpleCommandBus bus = SimpleCommandBus.builder().build();
    private final CommandGateway gateway = DefaultCommandGateway.builder().commandBus(bus)
            .retryScheduler(CommandRetryConfiguration.conflictRetries()).build();
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void aCommandThatLostARaceOnTheEventStoreIsSentAgainAndAnsweredFromTheWinnersState() {
        bus.subscribe(Book.class.getName(), command -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new ConcurrencyException("another node appended sequence 7 first");
            }
            return "refused: slot taken";
        });

        Object answer = gateway.sendAndWait(new Book("a"));

        assertThat(answer).isEqualTo("refused: slot taken");
        assertThat(attempts).hasValue(3);
    }

    /** As the JDBC event store reports it: the conflict wraps the database's unique-key error. */
    @Test
    void aConflictCausedByTheDatabasesUniqueKeyIsRetried() {
        bus.subscribe(Book.class.getName(), command -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new ConcurrencyException("sequence 7 was already inserted",
                        new java.sql.SQLException("duplicate key value violates unique constraint", "23505"));
            }
            return "booked";
        });

        Object answer = gateway.sendAndWait(new Book("a"));

        assertThat(answer).isEqualTo("booked");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void aBusinessRefusalIsFinal() {
        bus.subscribe(Book.class.getName(), command -> {
            attempts.incrementAndGet();
            throw new CommandExecutionException("taken", null,
                    new Rejection(RejectionReason.SLOT_UNAVAILABLE, "taken"));
        });

        assertThatThrownBy(() -> gateway.sendAndWait(new Book("a"))).isInstanceOf(CommandExecutionException.class);
        assertThat(attempts).hasValue(1);
    }

    @Test
    void aConflictThatNeverResolvesEndsAfterTheRetries() {
        bus.subscribe(Book.class.getName(), command -> {
            attempts.incrementAndGet();
            throw new ConcurrencyException("always behind");
        });

        assertThatThrownBy(() -> gateway.sendAndWait(new Book("a"))).isInstanceOf(ConcurrencyException.class);
        assertThat(attempts).hasValue(CommandRetryConfiguration.MAX_RETRIES + 1);
    }
}
