package com.healthmed.command.doctor;

import com.healthmed.command.shared.CommandRejectedException;
import com.healthmed.schema.doctor.ChangeConsultationPriceCommand;
import com.healthmed.schema.doctor.ConsultationPriceChangedEvent;
import com.healthmed.schema.doctor.DoctorProfileUpdatedEvent;
import com.healthmed.schema.doctor.DoctorRegisteredEvent;
import com.healthmed.schema.doctor.DoctorVerifiedEvent;
import com.healthmed.schema.doctor.RegisterDoctorCommand;
import com.healthmed.schema.doctor.UpdateDoctorProfileCommand;
import com.healthmed.schema.doctor.VerifyDoctorCommand;
import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.RejectionReason;
import com.healthmed.schema.shared.Specialty;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.List;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** A doctor's registration: CRM, public profile, price, and whether an administrator verified the CRM. */
@Aggregate
class Doctor implements GrantableDoctor {

    @AggregateIdentifier
    private String doctorId;
    private boolean verified;
    private String name;
    private List<Specialty> specialties;
    private Address address;
    private GeoPoint location;
    private String timeZone;
    private Money consultationPrice;

    Doctor() {
        // required by Axon to rebuild the aggregate from its events
    }

    @CommandHandler
    Doctor(RegisterDoctorCommand command) {
        requirePositive(command.consultationPrice());
        apply(new DoctorRegisteredEvent(command.doctorId(), command.name(), command.crm(), command.email(),
                List.copyOf(command.specialties()), command.consultationPrice(), command.address(),
                command.location(), command.timeZone()));
    }

    @CommandHandler
    void handle(VerifyDoctorCommand command) {
        if (verified) {
            throw new CommandRejectedException(RejectionReason.DOCTOR_ALREADY_VERIFIED,
                    "Doctor " + doctorId + " is already verified.");
        }
        apply(new DoctorVerifiedEvent(doctorId, command.verifiedBy(), consultationPrice));
    }

    /** @return whether the profile changed (the gateway then waits for the read model to show it) */
    @CommandHandler
    boolean handle(UpdateDoctorProfileCommand command) {
        var changed = new DoctorProfileUpdatedEvent(doctorId,
                Objects.requireNonNullElse(command.name(), name),
                command.specialties() != null ? List.copyOf(command.specialties()) : specialties,
                Objects.requireNonNullElse(command.address(), address),
                command.location() != null ? command.location() : location,
                Objects.requireNonNullElse(command.timeZone(), timeZone));
        if (changed.equals(new DoctorProfileUpdatedEvent(doctorId, name, specialties, address, location, timeZone))) {
            return false;
        }
        apply(changed);
        return true;
    }

    /** @return whether the price changed */
    @CommandHandler
    boolean handle(ChangeConsultationPriceCommand command) {
        requirePositive(command.consultationPrice());
        if (samePrice(command.consultationPrice(), consultationPrice)) {
            return false;
        }
        apply(new ConsultationPriceChangedEvent(doctorId, command.consultationPrice()));
        return true;
    }

    private static void requirePositive(Money price) {
        if (price == null || price.amount() == null || price.amount().signum() <= 0
                || !Money.BRL.equals(price.currency())) {
            throw new CommandRejectedException(RejectionReason.INVALID_PRICE,
                    "The consultation price must be a positive amount in BRL.");
        }
    }

    private static boolean samePrice(Money a, Money b) {
        return b != null && a.currency().equals(b.currency()) && a.amount().compareTo(b.amount()) == 0;
    }

    @EventSourcingHandler
    void on(DoctorRegisteredEvent event) {
        doctorId = event.doctorId();
        name = event.name();
        specialties = event.specialties();
        address = event.address();
        location = event.location();
        timeZone = event.timeZone();
        consultationPrice = event.consultationPrice();
    }

    @EventSourcingHandler
    void on(DoctorVerifiedEvent event) {
        verified = true;
    }

    @EventSourcingHandler
    void on(DoctorProfileUpdatedEvent event) {
        name = event.name();
        specialties = event.specialties();
        address = event.address();
        location = event.location();
        timeZone = event.timeZone();
    }

    @EventSourcingHandler
    void on(ConsultationPriceChangedEvent event) {
        consultationPrice = event.consultationPrice();
    }

    @Override
    public boolean verified() {
        return verified;
    }
}
