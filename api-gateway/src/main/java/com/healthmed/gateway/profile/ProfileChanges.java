package com.healthmed.gateway.profile;

import tools.jackson.databind.JsonNode;
import com.healthmed.gateway.web.RequestBinder;
import com.healthmed.schema.doctor.ChangeConsultationPriceCommand;
import com.healthmed.schema.doctor.DoctorProfileResponse;
import com.healthmed.schema.doctor.FindDoctorProfileQuery;
import com.healthmed.schema.doctor.UpdateDoctorProfileCommand;
import com.healthmed.schema.patient.FindPatientProfileQuery;
import com.healthmed.schema.patient.PatientProfileResponse;
import com.healthmed.schema.patient.UpdatePatientProfileCommand;
import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.Money;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Profile changes go through commands; the answer is the read model once it shows the change, so a client
 * that reads its profile right after a PATCH sees what it wrote. It subscribes to the profile before sending
 * the command, so the update that the command causes cannot be missed.
 */
@Component
class ProfileChanges {

    private static final Duration READ_MODEL_WAIT = Duration.ofSeconds(5);

    private final CommandGateway commands;
    private final QueryGateway queries;
    private final RequestBinder binder;

    ProfileChanges(CommandGateway commands, QueryGateway queries, RequestBinder binder) {
        this.commands = commands;
        this.queries = queries;
        this.binder = binder;
    }

    PatientProfileResponse patient(String patientId, JsonNode body) {
        var patch = binder.bind(body, PatientProfilePatch.class);
        var command = new UpdatePatientProfileCommand(patientId, strip(patch.name()),
                patch.phone() == null ? null : patch.phone().replaceAll("[\\s()-]", ""), strip(patch.city()),
                patch.state(), patch.location() == null ? null : patch.location().toGeoPoint());
        return changeAndRead(new FindPatientProfileQuery(patientId), PatientProfileResponse.class,
                () -> List.of(commands.<Boolean>sendAndWait(command)));
    }

    DoctorProfileResponse doctor(String doctorId, JsonNode body) {
        var patch = binder.bind(body, DoctorProfilePatch.class);
        var profile = new UpdateDoctorProfileCommand(doctorId, strip(patch.name()),
                patch.specialties() == null ? null : List.copyOf(new java.util.LinkedHashSet<>(patch.specialties())),
                patch.address() == null ? null : new Address(patch.address().street().strip(),
                        patch.address().city().strip(), patch.address().state()),
                patch.location() == null ? null : patch.location().toGeoPoint(),
                patch.timeZone());
        var price = patch.consultationPrice() == null ? null
                : new ChangeConsultationPriceCommand(doctorId, new Money(patch.consultationPrice().amount(), Money.BRL));
        return changeAndRead(new FindDoctorProfileQuery(doctorId), DoctorProfileResponse.class, () -> {
            Boolean profileChanged = commands.sendAndWait(profile);
            Boolean priceChanged = price == null ? Boolean.FALSE : commands.<Boolean>sendAndWait(price);
            return List.of(profileChanged, priceChanged);
        });
    }

    /** Sends the commands, then waits until the read model reflects as many changes as the commands made. */
    private <Q, R> R changeAndRead(Q query, Class<R> type, Supplier<List<Boolean>> send) {
        var subscription = queries.subscriptionQuery(query, ResponseTypes.optionalInstanceOf(type),
                ResponseTypes.instanceOf(type));
        try {
            Optional<R> before = subscription.initialResult().block(READ_MODEL_WAIT);
            long changes = send.get().stream().filter(Boolean.TRUE::equals).count();
            if (changes == 0 && before != null && before.isPresent()) {
                return before.get();
            }
            // a profile not projected yet (just registered) first gets the registration's own update
            boolean unseen = before == null || before.isEmpty();
            // a projection's updates leave when its batch commits, after its writes are readable: the update of
            // an earlier event (e.g. the registration) can arrive after the initial read already showed it, so only
            // updates that differ from what was read count as the changes
            R after = subscription.updates().filter(update -> unseen || !update.equals(before.get()))
                    .take(Math.max(changes, 1) + (unseen ? 1 : 0)).last().block(READ_MODEL_WAIT);
            return after;
        } catch (IllegalStateException timedOut) {
            // the read model is slow: answer with what it has now rather than fail a change that was made
            return queries.query(query, ResponseTypes.optionalInstanceOf(type)).join().orElseThrow();
        } finally {
            subscription.close();
        }
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }
}
