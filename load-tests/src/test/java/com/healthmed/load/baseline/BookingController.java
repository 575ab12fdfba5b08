package com.healthmed.load.baseline;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /api/v1/appointments} with the platform's request body: one {@code INSERT}, 201 with the new id, or 409
 * when the exclusion constraint finds the doctor's slot taken. Every slot is {@code load.baseline.slotMinutes} (5)
 * long: the simulations' starts are 5 minutes (distinct doctors) or an hour (hot doctor) apart, so the constraint sees
 * exactly the platform's contention.
 */
@RestController
class BookingController {

    static final URI SLOT_TAKEN = URI.create("https://healthmed.example/problems/baseline/slot-taken");
    static final URI INVALID = URI.create("https://healthmed.example/problems/baseline/invalid-request");
    private static final Duration SLOT = Duration.ofMinutes(Integer.getInteger("load.baseline.slotMinutes", 5));
    /** PostgreSQL's exclusion_violation. */
    private static final String EXCLUSION_VIOLATION = "23P01";

    private final JdbcTemplate jdbc;

    BookingController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    record BookingRequest(String doctorId, OffsetDateTime start) {
    }

    @PostMapping("/api/v1/appointments")
    ResponseEntity<Map<String, Object>> book(@AuthenticationPrincipal Jwt token, @RequestBody BookingRequest request) {
        if (request.doctorId() == null || request.doctorId().isBlank() || request.start() == null) {
            throw problem(HttpStatus.BAD_REQUEST, INVALID, "doctorId and start are required");
        }
        UUID id = UUID.randomUUID();
        Instant start = request.start().toInstant();
        try {
            jdbc.update("insert into booking (id, doctor_id, patient_id, slot) values (?, ?, ?, tstzrange(?, ?, '[)'))",
                    id, request.doctorId(), token.getSubject(), Timestamp.from(start), Timestamp.from(start.plus(SLOT)));
        } catch (DataIntegrityViolationException e) {
            if (e.getMostSpecificCause() instanceof SQLException sql && EXCLUSION_VIOLATION.equals(sql.getSQLState())) {
                throw problem(HttpStatus.CONFLICT, SLOT_TAKEN, "the slot is taken");
            }
            throw e;
        }
        return ResponseEntity.created(URI.create("/api/v1/appointments/" + id))
                .body(Map.of("id", id, "doctorId", request.doctorId(), "start", start));
    }

    /** A body that is not JSON of the request's shape (e.g. start not an ISO date-time): the same stable type. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the body must be {\"doctorId\": \"…\", \"start\": \"ISO-8601 date-time\"}");
        problem.setType(INVALID);
        return problem;
    }

    private static ErrorResponseException problem(HttpStatus status, URI type, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        return new ErrorResponseException(status, problem, null);
    }
}
