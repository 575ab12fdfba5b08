package com.healthmed.gateway.record;

import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.problem.ApiExceptionHandler.FieldProblem;
import com.healthmed.gateway.security.CurrentUser;
import com.healthmed.gateway.web.InvalidRequestException;
import com.healthmed.schema.appointment.AppointmentResponse;
import com.healthmed.schema.appointment.FindAppointmentQuery;
import com.healthmed.schema.record.AddMedicalReportCommand;
import com.healthmed.schema.record.DocumentGroup;
import com.healthmed.schema.record.StoredDocument;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A doctor's report of a consultation that has started: the text (and an optional PDF/JPEG/PNG attachment)
 * become documents of group {@code reports} in the patient's record, visible to the patient; other doctors
 * see them only through a grant.
 */
@RestController
@PreAuthorize("hasRole('doctor')")
@Tag(name = "Health record")
class MedicalReportController {

    private static final int MAX_TEXT = 20_000;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final DocumentUploads uploads;
    private final EncryptedDocumentStore store;

    MedicalReportController(CommandGateway commands, QueryGateway queries, DocumentUploads uploads,
                            EncryptedDocumentStore store) {
        this.commands = commands;
        this.queries = queries;
        this.uploads = uploads;
        this.store = store;
    }

    record ReportResponse(String appointmentId, List<StoredDocument> documents) {
    }

    @Operation(summary = "Write the report of a consultation that has started (its doctor only)")
    @PostMapping(path = "/api/v1/appointments/{appointmentId}/report", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ReportResponse report(@AuthenticationPrincipal Jwt token, @PathVariable String appointmentId,
                          @RequestParam("text") String text,
                          @RequestPart(name = "file", required = false) MultipartFile attachment) {
        String doctorId = CurrentUser.of(token).id();
        AppointmentResponse appointment = queries.query(new FindAppointmentQuery(appointmentId),
                        ResponseTypes.optionalInstanceOf(AppointmentResponse.class)).join()
                .filter(a -> a.doctorId().equals(doctorId))
                .orElseThrow(() -> Problems.notFound("No appointment " + appointmentId + "."));
        if (text.isBlank() || text.length() > MAX_TEXT) {
            throw new InvalidRequestException(List.of(new FieldProblem("text", "between 1 and 20000 characters")));
        }
        // whether this doctor may report now is decided by the command side, on the appointment's own state
        String patientId = appointment.patientId();
        LocalDate day = appointment.start().atZone(ZoneOffset.UTC).toLocalDate();
        String title = "Relatório da consulta de " + day;
        List<StoredDocument> documents = new ArrayList<>();
        documents.add(uploads.stored(patientId, text.getBytes(StandardCharsets.UTF_8), "text/plain",
                "relatorio-" + day + ".txt", DocumentGroup.REPORTS, title, day, doctorId));
        if (attachment != null && !attachment.isEmpty()) {
            documents.add(uploads.accept(patientId, attachment, DocumentGroup.REPORTS, title + " (anexo)", day, doctorId));
        }
        int recorded = 0;
        try {
            for (StoredDocument document : documents) {
                commands.sendAndWait(new AddMedicalReportCommand(patientId, doctorId, appointmentId, document));
                recorded++;
            }
        } catch (RuntimeException failed) {
            // the bytes of documents that did not make it into the record are destroyed
            documents.subList(recorded, documents.size()).forEach(d -> store.delete(d.storageRef()));
            throw failed;
        }
        return new ReportResponse(appointmentId, documents);
    }
}
