package com.healthmed.command.patient;

import com.healthmed.command.shared.CommandRejectedException;
import com.healthmed.processing.privacy.PersonalDataKeys;
import com.healthmed.schema.patient.ErasePatientCommand;
import com.healthmed.schema.patient.ErasureOutcome;
import com.healthmed.schema.patient.PatientErasedEvent;
import com.healthmed.schema.patient.PatientProfileUpdatedEvent;
import com.healthmed.schema.patient.Residence;
import com.healthmed.schema.patient.PatientRegisteredEvent;
import com.healthmed.schema.patient.RegisterPatientCommand;
import com.healthmed.schema.patient.UpdatePatientProfileCommand;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Uf;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PatientTest {

    private static final String ID = "4d1c2b9e-0000-4000-8000-000000000001";
    private static final LocalDate BIRTH = LocalDate.of(1990, 4, 12);
    private static final GeoPoint SAO_PAULO = new GeoPoint(-23.55, -46.63);

    private static final Instant NOW = Instant.parse("2026-11-24T04:00:00Z");

    private AggregateTestFixture<Patient> fixture;
    private final List<String> destroyedKeys = new ArrayList<>();
    private final PersonalDataKeys keys = new PersonalDataKeys() {
        @Override
        public javax.crypto.SecretKey forWriting(String subject) {
            throw new UnsupportedOperationException();
        }

        @Override
        public java.util.Optional<javax.crypto.SecretKey> forReading(String subject) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void destroy(String subject) {
            destroyedKeys.add(subject);
        }
    };

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Patient.class);
        fixture.registerInjectableResource(keys);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static PatientRegisteredEvent registered() {
        return new PatientRegisteredEvent(ID, "Maria Silva", "52998224725", "maria@example.com",
                "+5511999990000", BIRTH, "São Paulo", Uf.SP, SAO_PAULO);
    }

    @Test
    void registrationRecordsTheProfile() {
        fixture.givenNoPriorActivity()
                .when(new RegisterPatientCommand(ID, "Maria Silva", "52998224725", "maria@example.com",
                        "+5511999990000", BIRTH, "São Paulo", Uf.SP, SAO_PAULO))
                .expectSuccessfulHandlerExecution()
                .expectEvents(registered());
    }

    @Test
    void profileUpdateKeepsWhatWasNotGiven() {
        fixture.given(registered())
                .when(new UpdatePatientProfileCommand(ID, null, "+5519988887777", "Campinas", null, null))
                .expectEvents(new PatientProfileUpdatedEvent(ID, "Maria Silva", "+5519988887777",
                        new Residence("Campinas", Uf.SP), SAO_PAULO));
    }

    @Test
    void profileUpdateThatChangesNothingRecordsNothing() {
        fixture.given(registered())
                .when(new UpdatePatientProfileCommand(ID, "Maria Silva", null, "São Paulo", Uf.SP, null))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void laterUpdatesBuildOnEarlierOnes() {
        fixture.given(registered(),
                        new PatientProfileUpdatedEvent(ID, "Maria Souza", "+5511999990000",
                                new Residence("Santos", Uf.SP), null))
                .when(new UpdatePatientProfileCommand(ID, null, null, null, Uf.RJ, null))
                .expectEvents(new PatientProfileUpdatedEvent(ID, "Maria Souza", "+5511999990000",
                        new Residence("Santos", Uf.RJ), null));
    }

    @Test
    void erasureDestroysTheKeyAndRecordsItWithoutPersonalData() {
        fixture.given(registered())
                .when(new ErasePatientCommand(ID, "PATIENT"))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(ErasureOutcome.ERASED)
                .expectEvents(new PatientErasedEvent(ID, NOW, "PATIENT"));
        assertThat(destroyedKeys).containsExactly(ID);
    }

    @Test
    void erasingTwiceAnswersAlreadyErasedAndStillMakesSureTheKeyIsGone() {
        fixture.given(registered(), new PatientErasedEvent(ID, NOW, "PATIENT"))
                .when(new ErasePatientCommand(ID, "ADMIN"))
                .expectResultMessagePayload(ErasureOutcome.ALREADY_ERASED)
                .expectNoEvents();
        assertThat(destroyedKeys).containsExactly(ID);
    }

    @Test
    void anErasedPatientsProfileCannotChange() {
        fixture.given(registered(), new PatientErasedEvent(ID, NOW, "PATIENT"))
                .when(new UpdatePatientProfileCommand(ID, "Someone", null, null, null, null))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }
}
