package com.healthmed.gateway.record;

import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.security.CurrentUser;
import com.healthmed.schema.patient.FindPatientProfileQuery;
import com.healthmed.schema.patient.PatientProfileResponse;
import com.healthmed.schema.record.AccessDecision;
import com.healthmed.schema.record.RecordDocumentAccessCommand;
import com.healthmed.schema.record.StoredDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.List;

/**
 * A doctor reading what a patient shared. Every request is decided by the patient's record at that instant
 * and logged there; anything not covered by a live grant is answered 404, the same as a record that does
 * not exist, so nothing about the record leaks, and no bytes are sent.
 */
@RestController
@RequestMapping("/api/v1/records/{patientId}/documents")
@PreAuthorize("hasRole('doctor')")
@Tag(name = "Shared health records")
class SharedRecordController {

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final EncryptedDocumentStore store;

    SharedRecordController(CommandGateway commands, QueryGateway queries, EncryptedDocumentStore store) {
        this.commands = commands;
        this.queries = queries;
        this.store = store;
    }

    record SharedDocuments(String patientId, List<StoredDocument> items) {
    }

    @Operation(summary = "The documents a patient currently shares with me")
    @GetMapping
    SharedDocuments list(@AuthenticationPrincipal Jwt token, @PathVariable String patientId) {
        AccessDecision decision = decide(patientId, CurrentUser.of(token).id(), null);
        return new SharedDocuments(patientId, decision.documents());
    }

    @Operation(summary = "The content of a document a patient currently shares with me")
    @GetMapping("/{documentId}/content")
    ResponseEntity<StreamingResponseBody> content(@AuthenticationPrincipal Jwt token, @PathVariable String patientId,
                                                  @PathVariable String documentId) {
        AccessDecision decision = decide(patientId, CurrentUser.of(token).id(), documentId);
        StoredDocument document = decision.documents().getFirst();
        return RecordContent.of(document, store.open(patientId, document.storageRef()));
    }

    private AccessDecision decide(String patientId, String doctorId, String documentId) {
        boolean patientExists = queries.query(new FindPatientProfileQuery(patientId),
                ResponseTypes.optionalInstanceOf(PatientProfileResponse.class)).join().isPresent();
        if (!patientExists) {
            throw Problems.notFound("Nothing shared with you here.");
        }
        AccessDecision decision = commands.sendAndWait(new RecordDocumentAccessCommand(patientId, doctorId, documentId));
        if (!decision.granted() || (documentId != null && decision.documents().isEmpty())) {
            throw Problems.notFound("Nothing shared with you here.");
        }
        return decision;
    }
}
