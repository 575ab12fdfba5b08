package com.healthmed.gateway.scheduling;

import com.healthmed.gateway.problem.ApiExceptionHandler.FieldProblem;
import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.security.CurrentUser;
import com.healthmed.gateway.web.InvalidRequestException;
import com.healthmed.gateway.web.ReadYourWrites;
import com.healthmed.schema.doctor.DoctorProfileResponse;
import com.healthmed.schema.doctor.FindDoctorProfileQuery;
import com.healthmed.schema.scheduling.AvailabilityWindowResponse;
import com.healthmed.schema.scheduling.AvailabilityWindowSpec;
import com.healthmed.schema.scheduling.FindDoctorWindowsQuery;
import com.healthmed.schema.scheduling.PublishAvailabilityCommand;
import com.healthmed.schema.scheduling.ReviseAvailabilityCommand;
import com.healthmed.schema.scheduling.WithdrawAvailabilityCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Set;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** A verified doctor's availability: concrete windows, each cut into slots. */
@RestController
@RequestMapping("/api/v1/doctors/me/availability")
@PreAuthorize("hasRole('doctor')")
@Tag(name = "Availability")
class AvailabilityController {

    private final CommandGateway commands;
    private final QueryGateway queries;

    private final Clock clock;
    private final ReadYourWrites readYourWrites;
    /** The command side's booking horizon (same setting): windows beyond it would be refused. */
    private final Duration bookingHorizon;

    AvailabilityController(CommandGateway commands, QueryGateway queries, ObjectProvider<Clock> clock,
                           @Value("${healthmed.scheduling.booking-horizon:90d}") Duration bookingHorizon,
                           ReadYourWrites readYourWrites) {
        this.readYourWrites = readYourWrites;
        this.commands = commands;
        this.queries = queries;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.bookingHorizon = bookingHorizon;
    }

    record WindowRequest(@NotNull OffsetDateTime start, @NotNull OffsetDateTime end) {
    }

    record PublishRequest(@NotEmpty @Size(max = 100) List<@NotNull @Valid WindowRequest> windows,
                          @NotNull @Min(5) @Max(480) Integer slotMinutes,
                          @Min(0) @Max(240) Integer bufferMinutes) {

        int buffer() {
            return bufferMinutes == null ? 0 : bufferMinutes;
        }
    }

    record ReviseRequest(@NotNull OffsetDateTime start, @NotNull OffsetDateTime end,
                         @NotNull @Min(5) @Max(480) Integer slotMinutes,
                         @Min(0) @Max(240) Integer bufferMinutes) {
    }

    record PublishedWindows(List<AvailabilityWindowResponse> windows) {
    }

    @Operation(summary = "Publish availability windows (slots of slotMinutes separated by bufferMinutes)")
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PublishedWindows publish(@AuthenticationPrincipal Jwt token, @Valid @RequestBody PublishRequest request) {
        String doctorId = CurrentUser.of(token).id();
        List<AvailabilityWindowSpec> specs = request.windows().stream()
                .map(w -> new AvailabilityWindowSpec(UUID.randomUUID().toString(), w.start().toInstant(), w.end().toInstant()))
                .toList();
        publishAndRead(doctorId, new PublishAvailabilityCommand(doctorId, specs, request.slotMinutes(), request.buffer()));
        return new PublishedWindows(specs.stream().map(s -> new AvailabilityWindowResponse(s.windowId(), s.start(),
                s.end(), request.slotMinutes(), request.buffer())).toList());
    }

    record RecurringRequest(@NotEmpty Set<@NotNull DayOfWeek> weekdays,
                            @NotNull LocalTime startTime,
                            @NotNull LocalTime endTime,
                            @NotNull LocalDate firstDay,
                            @NotNull @Min(1) @Max(13) Integer weeks,
                            @NotNull @Min(5) @Max(480) Integer slotMinutes,
                            @Min(0) @Max(240) Integer bufferMinutes) {
    }

    @Operation(summary = "Publish a weekly pattern (e.g. MONDAY–FRIDAY 08:00–12:00 for 4 weeks, at most 13) as concrete "
            + "windows in my time zone; days already past and days beyond the booking horizon are skipped")
    @PostMapping("/recurring")
    @ResponseStatus(HttpStatus.CREATED)
    PublishedWindows publishRecurring(@AuthenticationPrincipal Jwt token, @Valid @RequestBody RecurringRequest request) {
        String doctorId = CurrentUser.of(token).id();
        if (!request.endTime().isAfter(request.startTime())) {
            throw new InvalidRequestException(List.of(new FieldProblem("endTime", "must be after startTime")));
        }
        ZoneId zone = queries.query(new FindDoctorProfileQuery(doctorId),
                        ResponseTypes.optionalInstanceOf(DoctorProfileResponse.class)).join()
                .map(profile -> ZoneId.of(profile.timeZone()))
                .orElseThrow(() -> Problems.notFound("Your profile is not available yet; try again in a moment."));
        Instant now = clock.instant();
        Instant horizon = now.plus(bookingHorizon);
        // this week's pattern may start on a day already past; a first day beyond the horizon has nothing to publish
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate lastDay = LocalDate.ofInstant(horizon, zone);
        if (request.firstDay().isBefore(today.minusDays(6)) || request.firstDay().isAfter(lastDay)) {
            throw new InvalidRequestException(List.of(new FieldProblem("firstDay",
                    "must be between " + today.minusDays(6) + " and " + lastDay)));
        }
        // 13 weeks reach past a 90-day horizon: the days beyond it are skipped like the days already past
        var windows = RecurringAvailability.expand(request.weekdays(), request.startTime(), request.endTime(),
                request.firstDay(), request.weeks(), zone, now).stream()
                .filter(window -> !window.end().isAfter(horizon))
                .toList();
        if (windows.isEmpty()) {
            throw new InvalidRequestException(List.of(new FieldProblem("firstDay",
                    "the pattern has no day between now and the booking horizon")));
        }
        int buffer = request.bufferMinutes() == null ? 0 : request.bufferMinutes();
        List<AvailabilityWindowSpec> specs = windows.stream()
                .map(w -> new AvailabilityWindowSpec(UUID.randomUUID().toString(), w.start(), w.end()))
                .toList();
        publishAndRead(doctorId, new PublishAvailabilityCommand(doctorId, specs, request.slotMinutes(), buffer));
        return new PublishedWindows(specs.stream().map(s -> new AvailabilityWindowResponse(s.windowId(), s.start(),
                s.end(), request.slotMinutes(), buffer)).toList());
    }

    /** The read store keeps milliseconds, so a window written with finer instants compares by milliseconds. */
    private static boolean sameWindow(AvailabilityWindowResponse a, AvailabilityWindowResponse b) {
        return a.windowId().equals(b.windowId()) && a.start().toEpochMilli() == b.start().toEpochMilli()
                && a.end().toEpochMilli() == b.end().toEpochMilli() && a.slotMinutes() == b.slotMinutes()
                && a.bufferMinutes() == b.bufferMinutes();
    }

    /** Publishes, then answers once the doctor's window list shows every new window (read your own writes). */
    private void publishAndRead(String doctorId, PublishAvailabilityCommand command) {
        var ids = command.windows().stream().map(AvailabilityWindowSpec::windowId).collect(Collectors.toSet());
        readYourWrites.list(new FindDoctorWindowsQuery(doctorId), AvailabilityWindowResponse.class,
                () -> commands.sendAndWait(command),
                windows -> windows.stream().map(AvailabilityWindowResponse::windowId).collect(Collectors.toSet())
                        .containsAll(ids));
    }

    @Operation(summary = "My windows that have not ended yet")
    @GetMapping
    List<AvailabilityWindowResponse> mine(@AuthenticationPrincipal Jwt token) {
        return queries.query(new FindDoctorWindowsQuery(CurrentUser.of(token).id()),
                ResponseTypes.multipleInstancesOf(AvailabilityWindowResponse.class)).join();
    }

    @Operation(summary = "Change a window; it must still contain every booked appointment (409 lists those it would not)")
    @PutMapping("/{windowId}")
    AvailabilityWindowResponse revise(@AuthenticationPrincipal Jwt token, @PathVariable String windowId,
                                      @Valid @RequestBody ReviseRequest request) {
        int buffer = request.bufferMinutes() == null ? 0 : request.bufferMinutes();
        String doctorId = CurrentUser.of(token).id();
        var revised = new AvailabilityWindowResponse(windowId, request.start().toInstant(), request.end().toInstant(),
                request.slotMinutes(), buffer);
        readYourWrites.list(new FindDoctorWindowsQuery(doctorId), AvailabilityWindowResponse.class,
                () -> commands.sendAndWait(new ReviseAvailabilityCommand(doctorId, windowId,
                        request.start().toInstant(), request.end().toInstant(), request.slotMinutes(), buffer)),
                windows -> windows.stream().anyMatch(w -> sameWindow(w, revised)));
        return revised;
    }

    @Operation(summary = "Withdraw a window without booked appointments")
    @DeleteMapping("/{windowId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void withdraw(@AuthenticationPrincipal Jwt token, @PathVariable String windowId) {
        commands.sendAndWait(new WithdrawAvailabilityCommand(CurrentUser.of(token).id(), windowId));
    }
}
