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
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

class DoctorTest {

    private static final String ID = "7f3a0c55-0000-4000-8000-000000000002";
    private static final Address PRACTICE = new Address("Av. Paulista, 1000", "São Paulo", Uf.SP);
    private static final GeoPoint LOCATION = new GeoPoint(-23.56, -46.65);
    private static final String ZONE = "America/Sao_Paulo";

    private AggregateTestFixture<Doctor> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Doctor.class);
    }

    private static RegisterDoctorCommand register(Money price) {
        return new RegisterDoctorCommand(ID, "João Souza", "123456-SP", "joao@example.com",
                List.of(Specialty.CARDIOLOGIA), price, PRACTICE, LOCATION, ZONE);
    }

    private static DoctorRegisteredEvent registered() {
        return new DoctorRegisteredEvent(ID, "João Souza", "123456-SP", "joao@example.com",
                List.of(Specialty.CARDIOLOGIA), Money.brl("250.00"), PRACTICE, LOCATION, ZONE);
    }

    @Test
    void registrationStartsUnverified() {
        fixture.givenNoPriorActivity()
                .when(register(Money.brl("250.00")))
                .expectEvents(registered());
    }

    @Test
    void registrationWithoutAPositivePriceIsRejected() {
        fixture.givenNoPriorActivity()
                .when(register(Money.brl("0.00")))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(register(new Money(new BigDecimal("100"), "USD")))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }

    @Test
    void anAdministratorVerifiesOnce() {
        fixture.given(registered())
                .when(new VerifyDoctorCommand(ID, "admin-1"))
                .expectEvents(new DoctorVerifiedEvent(ID, "admin-1", Money.brl("250.00")));
    }

    @Test
    void verifyingTwiceIsRejected() {
        fixture.given(registered(), new DoctorVerifiedEvent(ID, "admin-1", Money.brl("250.00")))
                .when(new VerifyDoctorCommand(ID, "admin-2"))
                .expectException(CommandRejectedException.class)
                .expectExceptionMessage("Doctor " + ID + " is already verified.")
                .expectNoEvents();
    }

    @Test
    void profileUpdateKeepsWhatWasNotGiven() {
        fixture.given(registered())
                .when(new UpdateDoctorProfileCommand(ID, null, List.of(Specialty.CARDIOLOGIA, Specialty.CLINICA_MEDICA),
                        null, null, null))
                .expectEvents(new DoctorProfileUpdatedEvent(ID, "João Souza",
                        List.of(Specialty.CARDIOLOGIA, Specialty.CLINICA_MEDICA), PRACTICE, LOCATION, ZONE));
    }

    @Test
    void priceChangesOnlyWhenDifferentAndPositive() {
        fixture.given(registered())
                .when(new ChangeConsultationPriceCommand(ID, Money.brl("300.00")))
                .expectEvents(new ConsultationPriceChangedEvent(ID, Money.brl("300.00")));
        fixture.given(registered())
                .when(new ChangeConsultationPriceCommand(ID, Money.brl("250")))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(registered())
                .when(new ChangeConsultationPriceCommand(ID, Money.brl("-1")))
                .expectException(CommandRejectedException.class)
                .expectNoEvents();
    }
}
