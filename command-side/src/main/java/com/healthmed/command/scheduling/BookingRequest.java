package com.healthmed.command.scheduling;

import com.healthmed.command.shared.CommandRejectedException;
import com.healthmed.schema.scheduling.BookingRequestClaimedEvent;
import com.healthmed.schema.scheduling.ClaimBookingRequestCommand;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One patient's {@code Idempotency-Key}: the first booking it was used for wins, for good. Commands on one key
 * are serialised like any aggregate's (and the event store's unique key guards creation across nodes), so of
 * two simultaneous requests with one key and different doctors exactly one binds the key; the other is refused
 * before any schedule is touched.
 */
@Aggregate
class BookingRequest {

    @AggregateIdentifier
    private String bookingRequestId;
    private String doctorId;
    private Instant start;
    private String appointmentId;

    BookingRequest() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(ClaimBookingRequestCommand command) {
        if (bookingRequestId == null) {
            apply(new BookingRequestClaimedEvent(command.bookingRequestId(), command.patientId(), command.doctorId(),
                    command.start(), command.proposedAppointmentId()));
            return command.proposedAppointmentId();
        }
        if (!doctorId.equals(command.doctorId()) || !start.equals(command.start())) {
            throw new CommandRejectedException(RejectionReason.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used for another booking.");
        }
        return appointmentId;
    }

    @EventSourcingHandler
    void on(BookingRequestClaimedEvent event) {
        bookingRequestId = event.bookingRequestId();
        doctorId = event.doctorId();
        start = event.start();
        appointmentId = event.appointmentId();
    }
}
