package com.healthmed.gateway.appointment;

import java.util.Map;
import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.problem.ApiExceptionHandler.FieldProblem;
import com.healthmed.gateway.problem.ProblemTypes;
import com.healthmed.gateway.security.CurrentUser;
import com.healthmed.gateway.web.InvalidRequestException;
import com.healthmed.schema.appointment.AcceptAppointmentCommand;
import com.healthmed.schema.appointment.AppointmentRating;
import com.healthmed.schema.appointment.CompleteAppointmentCommand;
import com.healthmed.schema.appointment.MarkNoShowCommand;
import com.healthmed.schema.appointment.RateAppointmentCommand;
import com.healthmed.schema.appointment.AppointmentPageResponse;
import com.healthmed.schema.appointment.AppointmentResponse;
import com.healthmed.schema.appointment.AppointmentStatus;
import com.healthmed.schema.appointment.CancelAppointmentCommand;
import com.healthmed.schema.appointment.FindAppointmentsQuery;
import com.healthmed.schema.appointment.Participant;
import com.healthmed.schema.appointment.RefuseAppointmentCommand;
import com.healthmed.schema.appointment.RequestAppointmentCommand;
import com.healthmed.schema.scheduling.BookSlotCommand;
import com.healthmed.schema.scheduling.ClaimBookingRequestCommand;
import com.healthmed.schema.appointment.FindAppointmentQuery;
import com.healthmed.gateway.web.ReadYourWrites;
import com.healthmed.schema.scheduling.SlotBooking;
import com.healthmed.schema.scheduling.SlotBookingOutcome;
import com.healthmed.gateway.problem.RejectedException;
import com.healthmed.schema.shared.RejectionReason;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

@RestController
@Tag(name = "Appointments")
class AppointmentController {

    private static final Logger log = LoggerFactory.getLogger(AppointmentController.class);
    static final Duration ROOM_OPENS_BEFORE = Duration.ofMinutes(10);
    private static final int MIN_JUSTIFICATION = 10;
    /** page × size stays far below Integer.MAX_VALUE (100 × 10,000), where the read model's skip would overflow. */
    private static final int MAX_PAGE = 10_000;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final Appointments appointments;
    private final TeleconsultationRooms rooms;
    private final Clock clock;
    private final ReadYourWrites readYourWrites;

    AppointmentController(CommandGateway commands, QueryGateway queries, Appointments appointments,
                          TeleconsultationRooms rooms, ObjectProvider<Clock> clock, ReadYourWrites readYourWrites) {
        this.readYourWrites = readYourWrites;
        this.commands = commands;
        this.queries = queries;
        this.appointments = appointments;
        this.rooms = rooms;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record BookingRequest(@NotBlank @Size(max = 64) String doctorId, @NotNull OffsetDateTime start) {
    }

    record RefusalRequest(@Size(max = 500) String reason) {
    }

    record CancellationRequest(@Size(max = 1000) String justification) {
    }

    record Answer(String id, AppointmentStatus status) {
    }

    record RatingRequest(@NotNull @Min(RateAppointmentCommand.MIN_STARS) @Max(RateAppointmentCommand.MAX_STARS) Integer stars,
                         @Size(max = RateAppointmentCommand.MAX_COMMENT_LENGTH) String comment) {
    }

    record Teleconsultation(String url, Instant opensAt, Instant closesAt) {
    }

    @Operation(summary = "Book a free slot; retry safely with the same Idempotency-Key")
    @PostMapping("/api/v1/appointments")
    @PreAuthorize("hasRole('patient')")
    ResponseEntity<AppointmentView> book(@AuthenticationPrincipal Jwt token,
                                         @Parameter(description = "same key and body: same answer, never a second booking")
                                         @RequestHeader(name = "Idempotency-Key", required = false)
                                         @Size(min = 1, max = 255) String idempotencyKey,
                                         @Valid @RequestBody BookingRequest request) {
        String patientId = CurrentUser.of(token).id();
        Instant start = request.start().toInstant();
        String appointmentId = UUID.randomUUID().toString();
        if (idempotencyKey != null) {
            // the command side binds the key to one booking for good; a retry gets that booking's id back
            appointmentId = commands.sendAndWait(new ClaimBookingRequestCommand(patientId, idempotencyKey,
                    request.doctorId(), start, appointmentId));
        }
        var book = new BookSlotCommand(request.doctorId(), appointmentId, patientId, start);
        // a refusal books nothing: answered at once, not after waiting for an appointment that will never appear
        var written = readYourWrites.one(new FindAppointmentQuery(appointmentId), AppointmentResponse.class,
                () -> createAppointment(commands.<SlotBookingOutcome>sendAndWait(book)),
                outcome -> outcome.refusal() == null, appointment -> true);
        SlotBookingOutcome outcome = written.outcome();
        if (outcome.refusal() != null) {
            throw new RejectedException(outcome.refusal());
        }
        SlotBooking booking = outcome.booking();
        var view = written.read().map(AppointmentView::of).orElseGet(() -> new AppointmentView(booking.appointmentId(),
                booking.doctorId(), booking.patientId(), booking.start(), booking.end(), booking.price(),
                AppointmentStatus.REQUESTED, null, null, null, null, null));
        return ResponseEntity.created(URI.create("/api/v1/appointments/" + appointmentId)).body(view);
    }

    /**
     * Creates the booked slot's appointment before the 201 leaves, so that the id it names can be cancelled at once
     * (otherwise, if the read model lagged past the read-your-writes wait, a cancellation could reach the command
     * side before the saga had created the appointment and answer 404). The saga stays the guarantee: on the
     * booking's event it sends the same idempotent command if the event store holds no such appointment yet.
     */
    private SlotBookingOutcome createAppointment(SlotBookingOutcome outcome) {
        SlotBooking booking = outcome.booking();
        if (booking != null) {
            try {
                commands.sendAndWait(new RequestAppointmentCommand(booking.appointmentId(), booking.doctorId(),
                        booking.patientId(), booking.start(), booking.end(), booking.price()));
            } catch (RuntimeException sagaCreatesIt) {
                log.warn("Appointment {} not created with its booking; the appointment saga creates it ({})",
                        booking.appointmentId(), sagaCreatesIt.toString());
            }
        }
        return outcome;
    }

    @Operation(summary = "My appointments (as patient or doctor), newest first")
    @GetMapping("/api/v1/appointments")
    AppointmentPage mine(@AuthenticationPrincipal Jwt token,
                         @RequestParam(required = false) AppointmentStatus status,
                         @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) int page,
                         @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        var user = CurrentUser.of(token);
        Participant as = user.is("doctor") ? Participant.DOCTOR : Participant.PATIENT;
        return page(user.id(), as, status, page, size);
    }

    @Operation(summary = "The doctor's appointments, e.g. ?status=REQUESTED for the requests to answer")
    @GetMapping("/api/v1/doctors/me/appointments")
    @PreAuthorize("hasRole('doctor')")
    AppointmentPage inbox(@AuthenticationPrincipal Jwt token,
                          @RequestParam(required = false) AppointmentStatus status,
                          @RequestParam(defaultValue = "0") @Min(0) @Max(MAX_PAGE) int page,
                          @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return page(CurrentUser.of(token).id(), Participant.DOCTOR, status, page, size);
    }

    record AppointmentPage(List<AppointmentView> items, int page, int size, long total) {
    }

    private AppointmentPage page(String userId, Participant as, AppointmentStatus status, int page, int size) {
        AppointmentPageResponse result = queries.query(new FindAppointmentsQuery(userId, as, status, page, size),
                ResponseTypes.instanceOf(AppointmentPageResponse.class)).join();
        return new AppointmentPage(result.items().stream().map(AppointmentView::of).toList(), result.page(),
                result.size(), result.total());
    }

    @Operation(summary = "One of my appointments")
    @GetMapping("/api/v1/appointments/{id}")
    AppointmentView one(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return AppointmentView.of(appointments.ofParticipant(id, CurrentUser.of(token)));
    }

    @Operation(summary = "Accept a request (the appointment's doctor)")
    @PostMapping("/api/v1/appointments/{id}/acceptance")
    @PreAuthorize("hasRole('doctor')")
    Answer accept(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        commands.sendAndWait(new AcceptAppointmentCommand(id, CurrentUser.of(token).id()));
        return new Answer(id, AppointmentStatus.CONFIRMED);
    }

    @Operation(summary = "Refuse a request (the appointment's doctor); the slot is freed")
    @PostMapping("/api/v1/appointments/{id}/refusal")
    @PreAuthorize("hasRole('doctor')")
    Answer refuse(@AuthenticationPrincipal Jwt token, @PathVariable String id,
                  @Valid @RequestBody(required = false) RefusalRequest request) {
        String reason = request == null || request.reason() == null || request.reason().isBlank()
                ? null : request.reason().strip();
        commands.sendAndWait(new RefuseAppointmentCommand(id, CurrentUser.of(token).id(), reason));
        return new Answer(id, AppointmentStatus.REFUSED);
    }

    @Operation(summary = "Cancel (patient: justification of at least 10 characters; doctor: optional); the slot is freed")
    @PostMapping("/api/v1/appointments/{id}/cancellation")
    @PreAuthorize("hasAnyRole('patient', 'doctor')")
    Answer cancel(@AuthenticationPrincipal Jwt token, @PathVariable String id,
                  @Valid @RequestBody(required = false) CancellationRequest request) {
        var user = CurrentUser.of(token);
        Participant by = user.is("patient") ? Participant.PATIENT : Participant.DOCTOR;
        String justification = request == null || request.justification() == null ? "" : request.justification().strip();
        if (by == Participant.PATIENT && justification.length() < MIN_JUSTIFICATION) {
            throw new InvalidRequestException(List.of(new FieldProblem("justification",
                    "say why you cancel, in at least " + MIN_JUSTIFICATION + " characters")));
        }
        commands.sendAndWait(new CancelAppointmentCommand(id, user.id(), by, justification.isEmpty() ? null : justification));
        return new Answer(id, AppointmentStatus.CANCELLED);
    }

    @Operation(summary = "The meeting link, for the two participants, from 10 minutes before the start until the slot ends")
    @GetMapping("/api/v1/appointments/{id}/teleconsultation")
    Teleconsultation teleconsultation(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        AppointmentResponse appointment = appointments.ofParticipant(id, CurrentUser.of(token));
        Instant opensAt = appointment.start().minus(ROOM_OPENS_BEFORE);
        Instant closesAt = appointment.end();
        if (appointment.status() != AppointmentStatus.CONFIRMED || appointment.roomName() == null) {
            throw Problems.error(HttpStatus.CONFLICT, ProblemTypes.APPOINTMENT_NOT_TAKING_PLACE,
                    "The appointment is " + appointment.status().name().toLowerCase()
                            + "; only a confirmed appointment has a consultation room.",
                    Map.of("status", appointment.status()));
        }
        Instant now = clock.instant();
        if (now.isBefore(opensAt) || !now.isBefore(closesAt)) {
            throw Problems.error(HttpStatus.FORBIDDEN, ProblemTypes.TELECONSULTATION_CLOSED,
                    "The consultation room is open from " + opensAt + " until " + closesAt + ".",
                    Map.of("opensAt", opensAt, "closesAt", closesAt));
        }
        return new Teleconsultation(rooms.urlOf(appointment.roomName()), opensAt, closesAt);
    }

    @Operation(summary = "Close a confirmed consultation after its start (the appointment's doctor); it completes by itself when its slot ends")
    @PostMapping("/api/v1/appointments/{id}/completion")
    @PreAuthorize("hasRole('doctor')")
    Answer complete(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return decide(id, AppointmentStatus.COMPLETED, new CompleteAppointmentCommand(id, CurrentUser.of(token).id()));
    }

    @Operation(summary = "Record after the start that the patient did not attend (the appointment's doctor): no completion, no rating")
    @PostMapping("/api/v1/appointments/{id}/no-show")
    @PreAuthorize("hasRole('doctor')")
    Answer noShow(@AuthenticationPrincipal Jwt token, @PathVariable String id) {
        return decide(id, AppointmentStatus.NO_SHOW, new MarkNoShowCommand(id, CurrentUser.of(token).id()));
    }

    /** Sends a doctor's decision and answers once GET /appointments/{id} shows it (read your own writes). */
    private Answer decide(String id, AppointmentStatus becomes, Object command) {
        readYourWrites.one(new FindAppointmentQuery(id), AppointmentResponse.class,
                () -> commands.sendAndWait(command), appointment -> appointment.status() == becomes);
        return new Answer(id, becomes);
    }

    @Operation(summary = "Rate a completed consultation once (its patient): 1 to 5 stars and an optional comment, within the rating period")
    @PostMapping("/api/v1/appointments/{id}/rating")
    @PreAuthorize("hasRole('patient')")
    ResponseEntity<AppointmentRating> rate(@AuthenticationPrincipal Jwt token, @PathVariable String id,
                                           @Valid @RequestBody RatingRequest request) {
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().strip();
        var written = readYourWrites.one(new FindAppointmentQuery(id), AppointmentResponse.class,
                () -> commands.sendAndWait(new RateAppointmentCommand(id, CurrentUser.of(token).id(), request.stars(),
                        comment)), appointment -> appointment.rating() != null);
        // the read side lagging more than the wait: the rating was stored all the same; answer what was sent
        var rating = written.read().map(AppointmentResponse::rating)
                .orElseGet(() -> new AppointmentRating(request.stars(), comment, clock.instant()));
        return ResponseEntity.created(URI.create("/api/v1/appointments/" + id)).body(rating);
    }
}
