package com.healthmed.command;

import com.healthmed.schema.doctor.RegisterDoctorCommand;
import com.healthmed.schema.doctor.VerifyDoctorCommand;
import com.healthmed.schema.scheduling.BookSlotCommand;
import com.healthmed.schema.scheduling.OpenDoctorScheduleCommand;
import com.healthmed.schema.scheduling.SlotBookingOutcome;
import com.healthmed.schema.shared.Address;
import com.healthmed.schema.shared.GeoPoint;
import com.healthmed.schema.shared.Money;
import com.healthmed.schema.shared.Rejection;
import com.healthmed.schema.shared.RejectionReason;
import com.healthmed.schema.shared.Specialty;
import com.healthmed.schema.shared.Uf;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.test.server.AxonServerContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The distributed mode's promise that business refusals keep their meaning through Axon Server (where the
 * exception class is lost): the command side as its own service, connected to a real Axon Server, answers a
 * refused command with a {@link Rejection} in the exception details and a refused booking as an answer.
 * Needs Docker; skipped where there is none.
 */
@Testcontainers(disabledWithoutDocker = true)
class RejectionsThroughAxonServerTest {

    @Container
    static final AxonServerContainer AXON_SERVER = new AxonServerContainer().withDevMode(true);

    @Container
    static final PostgreSQLContainer POSTGRES = new PostgreSQLContainer("postgres:16");

    static ConfigurableApplicationContext commandSide;
    static CommandGateway commands;

    @BeforeAll
    static void startCommandSide() {
        commandSide = new SpringApplicationBuilder(CommandSideApplication.class)
                .properties("spring.config.name=command-side",
                        "axon.axonserver.servers=" + AXON_SERVER.getAxonServerAddress(),
                        "spring.datasource.url=" + POSTGRES.getJdbcUrl(),
                        "spring.datasource.username=" + POSTGRES.getUsername(),
                        "spring.datasource.password=" + POSTGRES.getPassword(),
                        "server.port=0",
                        "axoniq.update-checker.disabled=true",
                        "healthmed.records.master-key=" + java.util.Base64.getEncoder().encodeToString(new byte[32]))
                .run();
        commands = commandSide.getBean(CommandGateway.class);
    }

    @AfterAll
    static void stopCommandSide() {
        if (commandSide != null) {
            commandSide.close();
        }
    }

    @Test
    void aRefusalArrivesWithItsReason() {
        String doctorId = UUID.randomUUID().toString();
        commands.sendAndWait(new RegisterDoctorCommand(doctorId, "Dra. Ana", "654321-RJ", "ana@example.com",
                List.of(Specialty.PEDIATRIA), Money.brl("200.00"), new Address("Rua 1", "Rio de Janeiro", Uf.RJ),
                new GeoPoint(-22.9, -43.2), "America/Sao_Paulo"));
        commands.sendAndWait(new VerifyDoctorCommand(doctorId, "admin"));

        assertThatThrownBy(() -> commands.sendAndWait(new VerifyDoctorCommand(doctorId, "admin")))
                .isInstanceOfSatisfying(CommandExecutionException.class, e -> assertThat(e.getDetails())
                        .contains(new Rejection(RejectionReason.DOCTOR_ALREADY_VERIFIED,
                                "Doctor " + doctorId + " is already verified.")));
        assertThatThrownBy(() -> commands.sendAndWait(new VerifyDoctorCommand(UUID.randomUUID().toString(), "admin")))
                .isInstanceOfSatisfying(CommandExecutionException.class, e -> assertThat(e.getDetails())
                        .get().extracting(d -> ((Rejection) d).reason()).isEqualTo(RejectionReason.NOT_FOUND));
    }

    @Test
    void aRefusedBookingIsAnAnswer() {
        String doctorId = UUID.randomUUID().toString();
        commands.sendAndWait(new OpenDoctorScheduleCommand(doctorId, Money.brl("200.00")));

        SlotBookingOutcome outcome = commands.sendAndWait(new BookSlotCommand(doctorId, UUID.randomUUID().toString(),
                "patient-1", Instant.now().plus(Duration.ofDays(2))));

        assertThat(outcome.booking()).isNull();
        assertThat(outcome.refusal().reason()).isEqualTo(RejectionReason.OUTSIDE_AVAILABILITY);
    }
}
