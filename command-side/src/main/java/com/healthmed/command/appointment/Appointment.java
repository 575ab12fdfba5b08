package com.healthmed.command.appointment;

import com.healthmed.command.scheduling.SchedulingPolicy;
import com.healthmed.command.shared.CommandRejectedException;
import com.healthmed.schema.appointment.AcceptAppointmentCommand;
import com.healthmed.schema.appointment.AppointmentAcceptedEvent;
import com.healthmed.schema.appointment.AppointmentCancelledEvent;
import com.healthmed.schema.appointment.AppointmentRefusedEvent;
import com.healthmed.schema.appointment.AppointmentRequestExpiredEvent;
import com.healthmed.schema.appointment.AppointmentRequestedEvent;
import com.healthmed.schema.appointment.AppointmentStatus;
import com.healthmed.schema.appointment.CancelAppointmentCommand;
import com.healthmed.schema.appointment.ExpireAppointmentRequestCommand;
import com.healthmed.schema.appointment.Participant;
import com.healthmed.schema.appointment.RefuseAppointmentCommand;
import com.healthmed.schema.appointment.RequestAppointmentCommand;
import com.healthmed.schema.appointment.TeleconsultationRoomAssignedEvent;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One consultation's lifecycle: REQUESTED → CONFIRMED / REFUSED / EXPIRED, and CANCELLED from REQUESTED or
 * CONFIRMED. Appointments are never deleted. A request the doctor leaves unanswered expires at its
 * {@code answerBy} instant (a persistent Axon deadline), which releases the slot through the saga.
 */
@Aggregate
class Appointment implements ReportableAppointment {

    static final String ANSWER_DEADLINE = "appointment-answer-deadline";
    static final int MIN_JUSTIFICATION_LENGTH = 10;
    private static final SecureRandom ROOMS = new SecureRandom();

    @AggregateIdentifier
    private String appointmentId;
    private String doctorId;
    private String patientId;
    private AppointmentStatus status;
    private Instant start;
    private Instant answerBy;

    Appointment() {
        // required by Axon to rebuild the aggregate from its events
    }

    /** Requesting an existing appointment again changes nothing, so the saga may safely repeat itself. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    void handle(RequestAppointmentCommand command, Clock clock, SchedulingPolicy policy, DeadlineManager deadlines) {
        if (appointmentId != null) {
            return;
        }
        Instant byDeadline = clock.instant().plus(policy.answerDeadline());
        Instant answerBy = byDeadline.isBefore(command.start()) ? byDeadline : command.start();
        apply(new AppointmentRequestedEvent(command.appointmentId(), command.doctorId(), command.patientId(),
                command.start(), command.end(), command.price(), answerBy));
        apply(new TeleconsultationRoomAssignedEvent(command.appointmentId(), newRoomName()));
        deadlines.schedule(answerBy, ANSWER_DEADLINE);
    }

    /** 128 random bits, hex: unguessable, and a valid room name on every video provider we know. */
    private static String newRoomName() {
        byte[] bits = new byte[16];
        ROOMS.nextBytes(bits);
        return "healthmed-" + HexFormat.of().formatHex(bits);
    }

    @CommandHandler
    void handle(AcceptAppointmentCommand command, Clock clock) {
        requireDoctor(command.doctorId());
        requireStatus(AppointmentStatus.REQUESTED, "accepted");
        requireAnswerPeriod(clock.instant());
        apply(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId));
    }

    @CommandHandler
    void handle(RefuseAppointmentCommand command, Clock clock) {
        requireDoctor(command.doctorId());
        requireStatus(AppointmentStatus.REQUESTED, "refused");
        requireAnswerPeriod(clock.instant());
        apply(new AppointmentRefusedEvent(appointmentId, doctorId, patientId, command.reason()));
    }

    @CommandHandler
    void handle(CancelAppointmentCommand command, Clock clock) {
        String participant = command.by() == Participant.PATIENT ? patientId : doctorId;
        if (!participant.equals(command.userId())) {
            throw notYours();
        }
        String justification = command.justification() == null ? "" : command.justification().strip();
        if (command.by() == Participant.PATIENT && justification.length() < MIN_JUSTIFICATION_LENGTH) {
            throw new CommandRejectedException(RejectionReason.JUSTIFICATION_REQUIRED,
                    "Say why you cancel, in at least " + MIN_JUSTIFICATION_LENGTH + " characters.");
        }
        if (!status.active()) {
            throw new CommandRejectedException(RejectionReason.ILLEGAL_TRANSITION,
                    "A " + status.name().toLowerCase() + " appointment cannot be cancelled.");
        }
        if (command.by() == Participant.PATIENT && !clock.instant().isBefore(start)) {
            throw new CommandRejectedException(RejectionReason.APPOINTMENT_STARTED,
                    "The consultation started at " + start + "; it can no longer be cancelled.");
        }
        apply(new AppointmentCancelledEvent(appointmentId, doctorId, patientId, command.by(),
                justification.isEmpty() ? null : justification));
    }

    @CommandHandler
    void handle(ExpireAppointmentRequestCommand command) {
        expireIfUnanswered();
    }

    @DeadlineHandler(deadlineName = ANSWER_DEADLINE)
    void onAnswerDeadline() {
        expireIfUnanswered();
    }

    private void expireIfUnanswered() {
        if (status == AppointmentStatus.REQUESTED) {
            apply(new AppointmentRequestExpiredEvent(appointmentId, doctorId, patientId));
        }
    }

    /** A request is answered before its deadline (then it expires) and before the consultation would start. */
    private void requireAnswerPeriod(Instant now) {
        if (!now.isBefore(answerBy) || !now.isBefore(start)) {
            throw new CommandRejectedException(RejectionReason.ANSWER_PERIOD_OVER,
                    "The request could be answered until " + (answerBy.isBefore(start) ? answerBy : start) + ".");
        }
    }

    /** Only the appointment's doctor reports, on a confirmed consultation that has started. */
    @Override
    public void requireReportableBy(String doctorId, String patientId, Instant now) {
        if (!this.doctorId.equals(doctorId) || !this.patientId.equals(patientId)) {
            throw notYours();
        }
        if (status != AppointmentStatus.CONFIRMED || now.isBefore(start)) {
            throw new CommandRejectedException(RejectionReason.CONSULTATION_NOT_STARTED,
                    "A report can be written once a confirmed consultation has started (" + start + ").");
        }
    }

    private void requireDoctor(String userId) {
        if (!doctorId.equals(userId)) {
            throw notYours();
        }
    }

    /** Someone else's appointment is answered as absent, so its existence does not leak. */
    private CommandRejectedException notYours() {
        return new CommandRejectedException(RejectionReason.NOT_YOUR_APPOINTMENT,
                "No appointment " + appointmentId + ".");
    }

    private void requireStatus(AppointmentStatus required, String verb) {
        if (status != required) {
            throw new CommandRejectedException(RejectionReason.ILLEGAL_TRANSITION,
                    "A " + status.name().toLowerCase() + " appointment cannot be " + verb + ".");
        }
    }

    @EventSourcingHandler
    void on(AppointmentRequestedEvent event) {
        appointmentId = event.appointmentId();
        doctorId = event.doctorId();
        patientId = event.patientId();
        status = AppointmentStatus.REQUESTED;
        start = event.start();
        answerBy = event.answerBy();
    }

    @EventSourcingHandler
    void on(AppointmentAcceptedEvent event) {
        status = AppointmentStatus.CONFIRMED;
    }

    @EventSourcingHandler
    void on(AppointmentRefusedEvent event) {
        status = AppointmentStatus.REFUSED;
    }

    @EventSourcingHandler
    void on(AppointmentCancelledEvent event) {
        status = AppointmentStatus.CANCELLED;
    }

    @EventSourcingHandler
    void on(AppointmentRequestExpiredEvent event) {
        status = AppointmentStatus.EXPIRED;
    }
}
