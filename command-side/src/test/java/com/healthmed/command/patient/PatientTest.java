package com.healthmed.command.patient;

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

import java.time.LocalDate;

class PatientTest {

    private static final String ID = "4d1c2b9e-0000-4000-8000-000000000001";
    private static final LocalDate BIRTH = LocalDate.of(1990, 4, 12);
    private static final GeoPoint SAO_PAULO = new GeoPoint(-23.55, -46.63);

    private AggregateTestFixture<Patient> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Patient.class);
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
}
