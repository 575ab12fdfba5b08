package com.healthmed.gateway.scheduling;

import com.healthmed.gateway.problem.ApiExceptionHandler.FieldProblem;
import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.web.InvalidRequestException;
import com.healthmed.schema.scheduling.DoctorAgendaResponse;
import com.healthmed.schema.scheduling.FindDoctorAgendaQuery;
import com.healthmed.schema.shared.Money;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

@RestController
@Tag(name = "Agenda")
class AgendaController {

    private static final Duration DEFAULT_RANGE = Duration.ofDays(14);
    private static final Duration MAX_RANGE = Duration.ofDays(31);
    /** Slots exist only within the booking horizon; a year either side of now leaves room and keeps dates sane. */
    private static final Duration REACH = Duration.ofDays(366);

    private final QueryGateway queries;
    private final Clock clock;

    AgendaController(QueryGateway queries, ObjectProvider<Clock> clock) {
        this.queries = queries;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** A free slot, in UTC and in the doctor's time zone. */
    record Slot(Instant start, Instant end, OffsetDateTime localStart, OffsetDateTime localEnd) {
    }

    record Agenda(String doctorId, String timeZone, Money consultationPrice, List<Slot> slots) {
    }

    @Operation(summary = "A doctor's free slots (default: the next 14 days, at most 31) and consultation price")
    @GetMapping("/api/v1/doctors/{doctorId}/agenda")
    Agenda agenda(@PathVariable String doctorId,
                  @RequestParam(required = false) OffsetDateTime from,
                  @RequestParam(required = false) OffsetDateTime to) {
        Instant now = clock.instant();
        List<FieldProblem> problems = new ArrayList<>();
        requireWithinReach("from", from, now, problems);
        requireWithinReach("to", to, now, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        Instant start = from == null ? now : from.toInstant();
        Instant end = to == null ? start.plus(DEFAULT_RANGE) : to.toInstant();
        if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
            throw new InvalidRequestException(List.of(new FieldProblem("to", "must be after 'from', at most 31 days later")));
        }
        DoctorAgendaResponse agenda = queries.query(new FindDoctorAgendaQuery(doctorId, start, end),
                        ResponseTypes.optionalInstanceOf(DoctorAgendaResponse.class)).join()
                .orElseThrow(() -> Problems.notFound("No doctor " + doctorId + "."));
        ZoneId zone = ZoneId.of(agenda.timeZone());
        return new Agenda(agenda.doctorId(), agenda.timeZone(), agenda.consultationPrice(), agenda.slots().stream()
                .map(s -> new Slot(s.start(), s.end(), s.start().atZone(zone).toOffsetDateTime(),
                        s.end().atZone(zone).toOffsetDateTime()))
                .toList());
    }

    private static void requireWithinReach(String field, OffsetDateTime at, Instant now, List<FieldProblem> problems) {
        if (at != null && (at.toInstant().isBefore(now.minus(REACH)) || at.toInstant().isAfter(now.plus(REACH)))) {
            problems.add(new FieldProblem(field, "must be within a year from now"));
        }
    }
}
