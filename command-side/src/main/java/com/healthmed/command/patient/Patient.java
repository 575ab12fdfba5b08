package com.healthmed.command.patient;

import com.healthmed.processing.privacy.PersonalDataKeys;
import com.healthmed.schema.patient.ErasePatientCommand;
import com.healthmed.schema.patient.ErasureOutcome;
import com.healthmed.schema.patient.PatientErasedEvent;
import com.healthmed.schema.patient.PatientProfileUpdatedEvent;
import com.healthmed.schema.patient.Residence;
import com.healthmed.schema.patient.PatientRegisteredEvent;
import com.healthmed.schema.patient.RegisterPatientCommand;
import com.healthmed.schema.patient.UpdatePatientProfileCommand;
import com.healthmed.command.shared.CommandRejectedException;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.RejectionReason;
import com.healthmed.schema.shared.Uf;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Clock;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A patient's identity on the platform; the id is the identity provider's user id. */
@Aggregate
class Patient {

    @AggregateIdentifier
    private String patientId;
    private String name;
    private String phone;
    private String city;
    private Uf state;
    private GeoPoint location;
    private boolean erased;

    Patient() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    Patient(RegisterPatientCommand command) {
        apply(new PatientRegisteredEvent(command.patientId(), command.name(), command.cpf(), command.email(),
                command.phone(), command.birthDate(), command.city(), command.state(), command.location()));
    }

    /** @return whether the profile changed (the gateway then waits for the read model to show it) */
    @CommandHandler
    boolean handle(UpdatePatientProfileCommand command) {
        if (erased) {
            throw new CommandRejectedException(RejectionReason.NOT_FOUND, "No patient " + patientId + ".");
        }
        var changed = new PatientProfileUpdatedEvent(patientId,
                Objects.requireNonNullElse(command.name(), name),
                Objects.requireNonNullElse(command.phone(), phone),
                new Residence(Objects.requireNonNullElse(command.city(), city),
                        Objects.requireNonNullElse(command.state(), state)),
                command.location() != null ? command.location() : location);
        if (changed.equals(new PatientProfileUpdatedEvent(patientId, name, phone, new Residence(city, state), location))) {
            return false;
        }
        apply(changed);
        return true;
    }

    /**
     * LGPD erasure. The key goes first, in its own transaction: if the event then fails to be stored, the personal
     * data is already unreadable and a retry (the gateway's erasure journal) records the event.
     */
    @CommandHandler
    ErasureOutcome handle(ErasePatientCommand command, PersonalDataKeys keys, Clock clock) {
        keys.destroy(patientId);
        if (erased) {
            return ErasureOutcome.ALREADY_ERASED;
        }
        apply(new PatientErasedEvent(patientId, clock.instant(), command.requestedBy()));
        return ErasureOutcome.ERASED;
    }

    @EventSourcingHandler
    void on(PatientRegisteredEvent event) {
        patientId = event.patientId();
        name = event.name();
        phone = event.phone();
        city = event.city();
        state = event.state();
        location = event.location();
    }

    @EventSourcingHandler
    void on(PatientProfileUpdatedEvent event) {
        name = event.name();
        phone = event.phone();
        city = event.residence().city();
        state = event.residence().state();
        location = event.location();
    }

    @EventSourcingHandler
    void on(PatientErasedEvent event) {
        erased = true;
        name = null;
        phone = null;
        location = null;
    }
}
