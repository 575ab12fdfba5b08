package com.healthmed.gateway.record;

import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.problem.ApiExceptionHandler.FieldProblem;
import com.healthmed.gateway.security.CurrentUser;
import com.healthmed.gateway.web.InvalidRequestException;
import com.healthmed.gateway.web.ReadYourWrites;
import com.healthmed.schema.record.AccessLogPageResponse;
import com.healthmed.schema.record.AddDocumentCommand;
import com.healthmed.schema.record.DocumentGroup;
import com.healthmed.schema.record.DocumentPageResponse;
import com.healthmed.schema.record.FindAccessLogQuery;
import com.healthmed.schema.record.FindGrantsQuery;
import com.healthmed.schema.record.FindMyDocumentsQuery;
import com.healthmed.schema.record.FindRecordDocumentQuery;
import com.healthmed.schema.record.GrantAccessCommand;
import com.healthmed.schema.record.GrantResponse;
import com.healthmed.schema.record.RemoveDocumentCommand;
import com.healthmed.schema.record.RevokeAccessCommand;
import com.healthmed.schema.record.StoredDocument;
import io.swagger.v3.oas.annotations.Operation;
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
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/** A patient's own health record: documents, sharing grants and who accessed what. */
@RestController
@RequestMapping("/api/v1/records/me")
@PreAuthorize("hasRole('patient')")
@Tag(name = "Health record")
class MyRecordController {

    private static final Duration MAX_GRANT = Duration.ofDays(365);
    /** The oldest date a document can carry: earlier dates are typing errors (and break date storage). */
    private static final LocalDate EARLIEST_TAKEN_ON = LocalDate.of(1900, 1, 1);
    /** page × size stays far below Integer.MAX_VALUE (100 × 10,000). */
    static final int MAX_PAGE = 10_000;
    /** A grant names at most this many documents (distinct ids of at most 64 characters each). */
    static final int MAX_GRANTED_DOCUMENTS = 100;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final DocumentUploads uploads;
    private final EncryptedDocumentStore store;
    private final Clock clock;
    private final ReadYourWrites readYourWrites;

    MyRecordController(CommandGateway commands, QueryGateway queries, DocumentUploads uploads,
                       EncryptedDocumentStore store, ObjectProvider<Clock> clock, ReadYourWrites readYourWrites) {
        this.readYourWrites = readYourWrites;
        this.commands = commands;
        this.queries = queries;
        this.uploads = uploads;
        this.store = store;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Operation(summary = "Upload a document (PDF, JPEG or PNG) into a group of my record; stored encrypted")
    @PostMapping(path = "/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<StoredDocument> upload(@AuthenticationPrincipal Jwt token,
                                          @RequestPart("file") MultipartFile file,
                                          @RequestParam("group") String group,
                                          @RequestParam(name = "title", required = false) String title,
                                          @RequestParam(name = "takenOn", required = false) LocalDate takenOn) {
        String patientId = CurrentUser.of(token).id();
        DocumentGroup documentGroup = group(group);
        List<FieldProblem> problems = new ArrayList<>();
        if (title != null && title.length() > 200) {
            problems.add(new FieldProblem("title", "at most 200 characters"));
        }
        if (takenOn != null && takenOn.isAfter(LocalDate.now(clock))) {
            problems.add(new FieldProblem("takenOn", "cannot be in the future"));
        }
        if (takenOn != null && takenOn.isBefore(EARLIEST_TAKEN_ON)) {
            problems.add(new FieldProblem("takenOn", "must be on or after " + EARLIEST_TAKEN_ON));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        StoredDocument document = uploads.accept(patientId, file, documentGroup, title, takenOn, patientId);
        try {
            readYourWrites.one(new FindRecordDocumentQuery(patientId, document.documentId()), StoredDocument.class,
                    () -> commands.sendAndWait(new AddDocumentCommand(patientId, document)), added -> true);
        } catch (RuntimeException failed) {
            store.delete(document.storageRef());
            throw failed;
        }
        return ResponseEntity.created(URI.create("/api/v1/records/me/documents/" + document.documentId() + "/content"))
                .body(document);
    }

    private static DocumentGroup group(String group) {
        try {
            return DocumentGroup.of(group);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(List.of(new FieldProblem("group",
                    "must be exams, reports, prescriptions, imaging or other")));
        }
    }

    @Operation(summary = "My documents, newest first, optionally of one group")
    @GetMapping("/documents")
    DocumentPageResponse documents(@AuthenticationPrincipal Jwt token,
                                   @RequestParam(required = false) String group,
                                   @RequestParam(defaultValue = "0") int page,
                                   @RequestParam(defaultValue = "20") int size) {
        checkPage(page, size);
        return queries.query(new FindMyDocumentsQuery(CurrentUser.of(token).id(), group == null ? null : group(group),
                page, size), ResponseTypes.instanceOf(DocumentPageResponse.class)).join();
    }

    private static void checkPage(int page, int size) {
        List<FieldProblem> problems = new ArrayList<>();
        if (page < 0 || page > MAX_PAGE) {
            problems.add(new FieldProblem("page", "must be between 0 and " + MAX_PAGE));
        }
        if (size < 1 || size > 100) {
            problems.add(new FieldProblem("size", "must be between 1 and 100"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    @Operation(summary = "The content of one of my documents")
    @GetMapping("/documents/{documentId}/content")
    ResponseEntity<StreamingResponseBody> content(@AuthenticationPrincipal Jwt token, @PathVariable String documentId) {
        String patientId = CurrentUser.of(token).id();
        StoredDocument document = own(patientId, documentId);
        return RecordContent.of(document, store.open(patientId, document.storageRef()));
    }

    @Operation(summary = "Remove a document from my record; its bytes are destroyed")
    @DeleteMapping("/documents/{documentId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@AuthenticationPrincipal Jwt token, @PathVariable String documentId) {
        String patientId = CurrentUser.of(token).id();
        StoredDocument document = own(patientId, documentId);
        commands.sendAndWait(new RemoveDocumentCommand(patientId, documentId));
        store.delete(document.storageRef());
        readYourWrites.untilGone(() -> queries.query(new FindRecordDocumentQuery(patientId, documentId),
                ResponseTypes.optionalInstanceOf(StoredDocument.class)).join().isPresent());
    }

    private StoredDocument own(String patientId, String documentId) {
        return queries.query(new FindRecordDocumentQuery(patientId, documentId),
                        ResponseTypes.optionalInstanceOf(StoredDocument.class)).join()
                .orElseThrow(() -> Problems.notFound("No document " + documentId + " in your record."));
    }

    record GrantRequest(@NotBlank @Size(max = 64) String doctorId,
                        @Size(max = MAX_GRANTED_DOCUMENTS) List<@NotBlank @Size(max = 64) String> documentIds,
                        @Size(max = MAX_GRANTED_DOCUMENTS) List<@NotNull DocumentGroup> groups,
                        Instant validUntil,
                        @Min(1) @Max(365 * 24) Integer durationHours) {
    }

    @Operation(summary = "Share documents and/or groups with a doctor until an instant (validUntil) or for durationHours")
    @PostMapping("/grants")
    ResponseEntity<GrantResponse> grant(@AuthenticationPrincipal Jwt token, @Valid @RequestBody GrantRequest request) {
        Instant now = clock.instant();
        if ((request.validUntil() == null) == (request.durationHours() == null)) {
            throw new InvalidRequestException(List.of(new FieldProblem("validUntil", "give validUntil or durationHours")));
        }
        // repeated ids or groups would only make the event bigger: each counts once
        var documentIds = request.documentIds() == null ? List.<String>of()
                : List.copyOf(new LinkedHashSet<>(request.documentIds()));
        var groups = request.groups() == null ? List.<DocumentGroup>of() : List.copyOf(new LinkedHashSet<>(request.groups()));
        if (documentIds.isEmpty() && groups.isEmpty()) {
            throw new InvalidRequestException(List.of(new FieldProblem("documentIds", "share at least one document or group")));
        }
        Instant until = request.validUntil() != null ? request.validUntil()
                : now.plus(Duration.ofHours(Math.max(0, request.durationHours())));
        if (!until.isAfter(now) || until.isAfter(now.plus(MAX_GRANT))) {
            throw new InvalidRequestException(List.of(new FieldProblem("validUntil",
                    "must be in the future and at most a year away")));
        }
        String grantId = UUID.randomUUID().toString();
        String patientId = CurrentUser.of(token).id();
        readYourWrites.list(new FindGrantsQuery(patientId), GrantResponse.class,
                () -> commands.sendAndWait(new GrantAccessCommand(patientId, grantId, request.doctorId(), documentIds,
                        groups, until)),
                grants -> grants.stream().anyMatch(g -> g.grantId().equals(grantId)));
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new GrantResponse(grantId, request.doctorId(), documentIds, groups, now, until, null));
    }

    @Operation(summary = "Revoke a grant at once")
    @DeleteMapping("/grants/{grantId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@AuthenticationPrincipal Jwt token, @PathVariable String grantId) {
        commands.sendAndWait(new RevokeAccessCommand(CurrentUser.of(token).id(), grantId));
    }

    @Operation(summary = "My grants, active and past")
    @GetMapping("/grants")
    List<GrantResponse> grants(@AuthenticationPrincipal Jwt token) {
        return queries.query(new FindGrantsQuery(CurrentUser.of(token).id()),
                ResponseTypes.multipleInstancesOf(GrantResponse.class)).join();
    }

    @Operation(summary = "Who read or tried to read my record, when, under which grant; newest first, paged")
    @GetMapping("/access-log")
    AccessLogPageResponse accessLog(@AuthenticationPrincipal Jwt token,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "50") int size) {
        checkPage(page, size);
        return queries.query(new FindAccessLogQuery(CurrentUser.of(token).id(), page, size),
                ResponseTypes.instanceOf(AccessLogPageResponse.class)).join();
    }
}
