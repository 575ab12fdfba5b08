package com.healthmed.command.shared;

import com.healthmed.schema.doctor.VerifyDoctorCommand;
import com.healthmed.schema.shared.Rejection;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Business refusals leave the command side as details that survive Axon Server. */
class RejectionTranslatorTest {

    private final RejectionTranslator translator = new RejectionTranslator();
    private final DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(
            GenericCommandMessage.asCommandMessage(new VerifyDoctorCommand("d-1", "admin")));

    /** A unit of work left started on the thread would swallow the events of every later test on it. */
    @AfterEach
    void endUnitOfWork() {
        unitOfWork.rollback();
    }

    @Test
    void aRejectionBecomesItsDetails() {
        InterceptorChain chain = () -> {
            throw new CommandRejectedException(RejectionReason.DOCTOR_ALREADY_VERIFIED, "already verified");
        };

        assertThatThrownBy(() -> translator.handle(cast(), chain))
                .isInstanceOfSatisfying(CommandExecutionException.class, e -> assertThat(e.getDetails())
                        .contains(new Rejection(RejectionReason.DOCTOR_ALREADY_VERIFIED, "already verified")));
    }

    @Test
    void aMissingOrForeignAggregateIsNotFound() {
        InterceptorChain missing = () -> {
            throw new AggregateNotFoundException("d-1", "none");
        };
        InterceptorChain foreign = () -> {
            throw new IncompatibleAggregateException("identifier must be non-null");
        };

        for (InterceptorChain chain : new InterceptorChain[]{missing, foreign}) {
            assertThatThrownBy(() -> translator.handle(cast(), chain))
                    .isInstanceOfSatisfying(CommandExecutionException.class, e -> assertThat(e.getDetails())
                            .contains(new Rejection(RejectionReason.NOT_FOUND, "No such doctor.")));
        }
    }

    @Test
    void otherFailuresPassUnchanged() {
        var failure = new IllegalStateException("database down");
        InterceptorChain chain = () -> {
            throw failure;
        };
        assertThatThrownBy(() -> translator.handle(cast(), chain)).isSameAs(failure);
    }

    @Test
    void successPassesTheResultOn() throws Exception {
        InterceptorChain chain = () -> true;
        assertThat(translator.handle(cast(), chain)).isEqualTo(true);
    }

    @SuppressWarnings("unchecked")
    private DefaultUnitOfWork<org.axonframework.commandhandling.CommandMessage<?>> cast() {
        return (DefaultUnitOfWork<org.axonframework.commandhandling.CommandMessage<?>>) unitOfWork;
    }
}
