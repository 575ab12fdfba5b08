package com.healthmed.standalone.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A registration that dies between its two steps (the identity account exists, the register command was never
 * handled) is finished by the platform: the patient comes to exist, with the data the user sent, instead of an
 * account whose CPF and e-mail would answer 409 forever.
 */
@ExtendWith(TestPlatform.class)
class RegistrationRecoveryIT {

    private static final Duration RECONCILED = Duration.ofSeconds(90);

    @Test
    void aRegistrationCutShortAfterTheAccountWasCreatedIsCompleted() throws Exception {
        var api = TestPlatform.api();
        var patient = People.patient();
        String cpf = patient.get("cpf").asText().replaceAll("\\D", "");
        FaultInjection.CRASH_BEFORE_REGISTERING.add(cpf);

        var crashed = api.post("/api/v1/patients", patient, null);

        assertThat(crashed.status()).as(crashed.toString()).isGreaterThanOrEqualTo(500);
        assertThat(FaultInjection.CRASH_BEFORE_REGISTERING).doesNotContain(cpf);
        // what the crash left: an account and no patient
        assertThat(KeycloakAdmin.accountExistsWithUsername(cpf)).isTrue();
        String token = api.login(cpf, People.PASSWORD);
        assertThat(api.get("/api/v1/me", token).status()).isEqualTo(404);

        await().atMost(RECONCILED).pollInterval(Duration.ofSeconds(1))
                .until(() -> api.get("/api/v1/me", token).status() == 200);
        var me = api.get("/api/v1/me", token);
        assertThat(me.text("cpf")).isEqualTo(cpf);
        assertThat(me.text("name")).isEqualTo(patient.get("name").asText().strip());
        assertThat(me.text("email")).isEqualTo(patient.get("email").asText());
        assertThat(TestPlatform.storedEvents(me.text("id"), "PatientRegisteredEvent")).isEqualTo(1);
        // the journal entry is gone once finished: nothing is sent again later
        await().atMost(RECONCILED).until(() -> TestPlatform.bean(org.springframework.data.mongodb.core.MongoTemplate.class)
                .getCollection("pending_registrations").countDocuments(new org.bson.Document("username", cpf)) == 0);
        assertThat(TestPlatform.storedEvents(me.text("id"), "PatientRegisteredEvent")).isEqualTo(1);
    }
}
