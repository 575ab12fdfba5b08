package com.healthmed.gateway.erasure;

import com.healthmed.gateway.identity.IdentityDirectory;
import com.healthmed.gateway.record.EncryptedDocumentStore;
import com.healthmed.schema.appointment.AppointmentPageResponse;
import com.healthmed.schema.appointment.AppointmentResponse;
import com.healthmed.schema.appointment.AppointmentStatus;
import com.healthmed.schema.appointment.CancelAppointmentCommand;
import com.healthmed.schema.appointment.FindAppointmentsQuery;
import com.healthmed.schema.appointment.Participant;
import com.healthmed.schema.patient.ErasePatientCommand;
import com.healthmed.schema.patient.ErasureOutcome;
import com.healthmed.schema.record.EraseMedicalRecordCommand;
import com.healthmed.schema.shared.Rejection;
import com.healthmed.schema.shared.RejectionReason;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A patient's erasure (LGPD), step by step, each step idempotent and journaled ({@link ErasureJournal}) so a crash
 * half-way is finished by {@link ErasureReconciler}:
 * <ol>
 *     <li>the Patient aggregate destroys the personal-data key, then records {@code PatientErasedEvent};</li>
 *     <li>future appointments (requested or confirmed) are cancelled, which frees the doctors' slots; past ones
 *     stay, pseudonymous, for the doctor and the analysts;</li>
 *     <li>the health record ends every grant and drops every document;</li>
 *     <li>the documents' data key and bytes are deleted;</li>
 *     <li>the identity account is deleted: no more logins.</li>
 * </ol>
 */
@Component
public class PatientErasures {

    static final String JUSTIFICATION = "Cancelled by the erasure of the patient's account (LGPD).";
    private static final Logger log = LoggerFactory.getLogger(PatientErasures.class);
    private static final int PAGE = 100;

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final EncryptedDocumentStore documents;
    private final IdentityDirectory identity;
    private final ErasureJournal journal;
    private final Clock clock = Clock.systemUTC();

    PatientErasures(CommandGateway commands, QueryGateway queries, EncryptedDocumentStore documents,
                    IdentityDirectory identity, ErasureJournal journal) {
        this.commands = commands;
        this.queries = queries;
        this.documents = documents;
        this.identity = identity;
        this.journal = journal;
    }

    /**
     * @param requestedBy {@code PATIENT} or {@code ADMIN}
     * @throws CommandExecutionException with a {@code NOT_FOUND} rejection if no such patient exists
     */
    public ErasureOutcome erase(String patientId, String requestedBy) {
        journal.begin(patientId, requestedBy);
        ErasureOutcome outcome;
        try {
            outcome = commands.sendAndWait(new ErasePatientCommand(patientId, requestedBy));
        } catch (CommandExecutionException e) {
            if (notFound(e)) {
                journal.finished(patientId); // nobody to erase: nothing was done
            }
            throw e;
        }
        complete(patientId);
        return outcome;
    }

    /** Steps 2 to 5; again after a crash (step 1 is then repeated first by the caller). */
    void complete(String patientId) {
        cancelFutureAppointments(patientId);
        try {
            commands.sendAndWait(new EraseMedicalRecordCommand(patientId));
        } catch (CommandExecutionException e) {
            if (!notFound(e)) {
                throw e;
            }
            // the patient never had a record
        }
        documents.eraseAll(patientId);
        identity.deleteAccount(patientId);
        journal.finished(patientId);
    }

    private void cancelFutureAppointments(String patientId) {
        Instant now = clock.instant();
        for (AppointmentResponse appointment : upcoming(patientId)) {
            if (!appointment.start().isAfter(now)) {
                continue;
            }
            try {
                commands.sendAndWait(new CancelAppointmentCommand(appointment.id(), patientId, Participant.PATIENT,
                        JUSTIFICATION));
            } catch (CommandExecutionException refused) {
                // answered, expired or started meanwhile: it stays as it is
                log.info("appointment {} of an erased patient was not cancelled: {}", appointment.id(), refused.getMessage());
            }
        }
    }

    private List<AppointmentResponse> upcoming(String patientId) {
        List<AppointmentResponse> found = new ArrayList<>();
        for (AppointmentStatus status : List.of(AppointmentStatus.REQUESTED, AppointmentStatus.CONFIRMED)) {
            for (int page = 0; ; page++) {
                AppointmentPageResponse result = queries.query(new FindAppointmentsQuery(patientId, Participant.PATIENT,
                        status, page, PAGE), ResponseTypes.instanceOf(AppointmentPageResponse.class)).join();
                found.addAll(result.items());
                if (result.items().size() < PAGE) {
                    break;
                }
            }
        }
        return found;
    }

    private static boolean notFound(CommandExecutionException e) {
        return e.getDetails().filter(Rejection.class::isInstance).map(Rejection.class::cast)
                .map(r -> r.reason() == RejectionReason.NOT_FOUND).orElse(false);
    }
}
