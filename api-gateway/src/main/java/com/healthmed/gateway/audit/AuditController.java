package com.healthmed.gateway.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.healthmed.gateway.problem.ProblemTypes;
import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.security.CurrentUser;
import com.healthmed.schema.audit.AuditEventResponse;
import com.healthmed.schema.audit.AuditEventPage;
import com.healthmed.schema.audit.AuditHistoryReadEvent;
import com.healthmed.schema.audit.FindAuditEventsQuery;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.queryhandling.QueryGateway;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The complete, attributable history for auditors: every stored event, one JSON line each
 * ({@code application/x-ndjson}), in global order. The gateway asks the command side (which reads the event
 * store) for pages of events and writes each page before asking for the next, so memory stays constant however
 * long the history is; a client that stops reading stops the stream. Every read is itself recorded as an
 * {@link AuditHistoryReadEvent} (who, what, when), which admins list at {@code /api/v1/admin/audit-reads}.
 */
@RestController
@Tag(name = "Audit")
class AuditController {

    static final String NDJSON = "application/x-ndjson";
    static final int PAGE_EVENTS = 1_000;
    static final int PAGE_SCAN = 20_000;
    private static final long PAGE_WAIT_SECONDS = 60;
    private static final int MAX_FILTER_LENGTH = 200;

    private final QueryGateway queries;
    private final EventGateway events;
    private final JsonMapper json;
    private final Clock clock;

    AuditController(QueryGateway queries, EventGateway events, JsonMapper json) {
        this.queries = queries;
        this.events = events;
        this.json = json;
        this.clock = Clock.systemUTC();
    }

    /** One NDJSON line: the payload is written as the JSON it is, not as a string. */
    record Line(long position, String aggregateType, String aggregateId, Long sequenceNumber, String type,
                String revision, Instant timestamp, Map<String, String> metaData, @JsonRawValue String payload) {
        static Line of(AuditEventResponse e) {
            return new Line(e.position(), e.aggregateType(), e.aggregateId(), e.sequenceNumber(), e.type(),
                    e.revision(), e.timestamp(), e.metaData(), e.payload());
        }
    }

    @Operation(summary = "Every stored event, one JSON line each, in global order; filters: aggregateId, "
            + "aggregateType, type, from, to, after (global position, to resume), limit (auditor)")
    @GetMapping(path = "/api/v1/audit/events")
    @PreAuthorize("hasRole('auditor')")
    void events(@RequestParam(required = false) String aggregateId,
                @RequestParam(required = false) String aggregateType,
                @RequestParam(required = false) String type,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                @RequestParam(required = false) Long after,
                @RequestParam(required = false) Long limit,
                @AuthenticationPrincipal Jwt token, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        checkFilters(aggregateId, aggregateType, type, after, limit);
        var user = CurrentUser.of(token);
        events.publish(new AuditHistoryReadEvent(user.id(), user.username(),
                request.getQueryString() == null ? "" : request.getQueryString(), clock.instant()));
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        stream(aggregateId, aggregateType, type, from, to, after, limit == null ? Long.MAX_VALUE : limit,
                response.getOutputStream());
    }

    @Operation(summary = "Who read the audit history, what they asked for and when, one JSON line each (admin)")
    @GetMapping(path = "/api/v1/admin/audit-reads")
    @PreAuthorize("hasRole('admin')")
    void reads(@RequestParam(required = false) Long after, @RequestParam(required = false) Long limit,
               HttpServletResponse response) throws IOException {
        checkFilters(null, null, null, after, limit);
        response.setStatus(HttpStatus.OK.value());
        response.setContentType(NDJSON);
        response.setCharacterEncoding("UTF-8");
        stream(null, null, AuditHistoryReadEvent.class.getName(), null, null, after,
                limit == null ? Long.MAX_VALUE : limit, response.getOutputStream());
    }

    private void stream(String aggregateId, String aggregateType, String type, Instant from, Instant to, Long after,
                        long limit, OutputStream out) throws IOException {
        long written = 0;
        Long position = after;
        // one compact value per line; the lines are separated by hand, and the servlet stream stays open
        var writer = json.writer().without(SerializationFeature.INDENT_OUTPUT)
                .without(StreamWriteFeature.AUTO_CLOSE_TARGET).withRootValueSeparator((String) null);
        try (JsonGenerator lines = writer.createGenerator(out)) {
            while (written < limit) {
                int wanted = (int) Math.min(PAGE_EVENTS, limit - written);
                AuditEventPage page = page(new FindAuditEventsQuery(aggregateId, aggregateType, type, from, to,
                        position, wanted, PAGE_SCAN));
                for (AuditEventResponse event : page.events()) {
                    writer.writeValue(lines, Line.of(event));
                    lines.writeRaw('\n');
                    written++;
                }
                lines.flush();
                if (page.end() || page.lastScanned() == null) {
                    return;
                }
                position = page.lastScanned();
            }
        }
    }

    private AuditEventPage page(FindAuditEventsQuery query) throws IOException {
        try {
            return queries.query(query, AuditEventPage.class).get(PAGE_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the history", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the history could not be read", e);
        }
    }

    private static void checkFilters(String aggregateId, String aggregateType, String type, Long after, Long limit) {
        for (String filter : new String[]{aggregateId, aggregateType, type}) {
            if (filter != null && (filter.isBlank() || filter.length() > MAX_FILTER_LENGTH)) {
                throw Problems.error(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                        "Filters are 1 to " + MAX_FILTER_LENGTH + " characters.");
            }
        }
        if (after != null && after < 0 || limit != null && limit < 1) {
            throw Problems.error(HttpStatus.BAD_REQUEST, ProblemTypes.VALIDATION,
                    "after is a global position (0 or more); limit is 1 or more.");
        }
    }
}
