package com.healthmed.command.appointment;

import com.healthmed.command.scheduling.SchedulingPolicy;
import com.healthmed.command.shared.CommandRejectedException;
import com.healthmed.schema.appointment.AcceptAppointmentCommand;
import com.healthmed.schema.appointment.AppointmentAcceptedEvent;
import com.healthmed.schema.appointment.AppointmentCancelledEvent;
import com.healthmed.schema.appointment.AppointmentCompletedEvent;
import com.healthmed.schema.appointment.AppointmentNoShowEvent;
import com.healthmed.schema.appointment.AppointmentRatedEvent;
import com.healthmed.schema.appointment.AppointmentRefusedEvent;
import com.healthmed.schema.appointment.AppointmentRequestExpiredEvent;
import com.healthmed.schema.appointment.AppointmentRequestedEvent;
import com.healthmed.schema.appointment.AppointmentStatus;
import com.healthmed.schema.appointment.CancelAppointmentCommand;
import com.healthmed.schema.appointment.CompleteAppointmentCommand;
import com.healthmed.schema.appointment.ExpireAppointmentRequestCommand;
import com.healthmed.schema.appointment.MarkNoShowCommand;
import com.healthmed.schema.appointment.Participant;
import com.healthmed.schema.appointment.RateAppointmentCommand;
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
 * CONFIRMED; a CONFIRMED consultation becomes COMPLETED (its doctor after the start, or by itself when the slot
 * ends) or NO_SHOW (its doctor, after the start), and a COMPLETED one RATED once its patient rates it.
 * Appointments are never deleted. A request the doctor leaves unanswered expires at its {@code answerBy}
 * instant, and an accepted one completes at its slot's end (both persistent Axon deadlines).
 */
@Aggregate
class Appointment implements ReportableAppointment {

    static final String ANSWER_DEADLINE = "appointment-answer-deadline";
    static final String SLOT_END_DEADLINE = "appointment-slot-end";
    static final int MIN_JUSTIFICATION_LENGTH = 10;
    private static final SecureRandom ROOMS = new SecureRandom();

    @AggregateIdentifier
    private String appointmentId;
    private String doctorId;
    private String patientId;
    private AppointmentStatus status;
    private Instant start;
    private Instant end;
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
    void handle(AcceptAppointmentCommand command, Clock clock, DeadlineManager deadlines) {
        requireDoctor(command.doctorId());
        requireStatus(AppointmentStatus.REQUESTED, "accepted");
        requireAnswerPeriod(clock.instant());
        apply(new AppointmentAcceptedEvent(appointmentId, doctorId, patientId));
        // persistent (JobRunr): a consultation nobody closes still completes, and becomes rateable, when its slot ends
        deadlines.schedule(end, SLOT_END_DEADLINE);
    }

    @CommandHandler
    void handle(CompleteAppointmentCommand command, Clock clock) {
        requireDoctor(command.doctorId());
        requireStatus(AppointmentStatus.CONFIRMED, "completed");
        requireStarted(clock.instant(), "completed");
        apply(new AppointmentCompletedEvent(appointmentId, doctorId, patientId, true));
    }

    @CommandHandler
    void handle(MarkNoShowCommand command, Clock clock) {
        requireDoctor(command.doctorId());
        requireStatus(AppointmentStatus.CONFIRMED, "marked as a no-show");
        requireStarted(clock.instant(), "marked as a no-show");
        apply(new AppointmentNoShowEvent(appointmentId, doctorId, patientId));
    }

    /** The slot ended: a consultation still confirmed took place; cancelled, no-show or completed ones stay as they are. */
    @DeadlineHandler(deadlineName = SLOT_END_DEADLINE)
    void onSlotEnd() {
        if (status == AppointmentStatus.CONFIRMED) {
            apply(new AppointmentCompletedEvent(appointmentId, doctorId, patientId, false));
        }
    }

    /**
     * Its patient rates a completed consultation once, within the rating period counted from the slot's end (an
     * instant of the appointment itself, so the rule depends on one clock only, the injected business clock).
     */
    @CommandHandler
    void handle(RateAppointmentCommand command, Clock clock, SchedulingPolicy policy) {
        if (!patientId.equals(command.patientId())) {
            throw notYours();
        }
        if (status == AppointmentStatus.RATED) {
            throw new CommandRejectedException(RejectionReason.APPOINTMENT_ALREADY_RATED,
                    "This consultation has already been rated.");
        }
        if (status != AppointmentStatus.COMPLETED) {
            throw new CommandRejectedException(RejectionReason.APPOINTMENT_NOT_COMPLETED,
                    "Only a completed consultation can be rated; this one is " + status.name().toLowerCase() + ".");
        }
        Instant ratableUntil = end.plus(policy.ratingPeriod());
        if (clock.instant().isAfter(ratableUntil)) {
            throw new CommandRejectedException(RejectionReason.RATING_PERIOD_OVER,
                    "This consultation could be rated until " + ratableUntil + ".");
        }
        String comment = command.comment() == null || command.comment().isBlank() ? null : command.comment().strip();
        if (command.stars() < RateAppointmentCommand.MIN_STARS || command.stars() > RateAppointmentCommand.MAX_STARS
                || (comment != null && comment.length() > RateAppointmentCommand.MAX_COMMENT_LENGTH)) {
            throw new CommandRejectedException(RejectionReason.INVALID_RATING, "A rating is 1 to 5 stars and a comment of"
                    + " at most " + RateAppointmentCommand.MAX_COMMENT_LENGTH + " characters.");
        }
        apply(new AppointmentRatedEvent(appointmentId, doctorId, patientId, command.stars(), comment));
    }

    private void requireStarted(Instant now, String verb) {
        if (now.isBefore(start)) {
            throw new CommandRejectedException(RejectionReason.CONSULTATION_NOT_STARTED,
                    "The consultation starts at " + start + "; it can be " + verb + " from then on.");
        }
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
        end = event.end();
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

    @EventSourcingHandler
    void on(AppointmentCompletedEvent event) {
        status = AppointmentStatus.COMPLETED;
    }

    @EventSourcingHandler
    void on(AppointmentNoShowEvent event) {
        status = AppointmentStatus.NO_SHOW;
    }

    @EventSourcingHandler
    void on(AppointmentRatedEvent event) {
        status = AppointmentStatus.RATED;
    }
}
