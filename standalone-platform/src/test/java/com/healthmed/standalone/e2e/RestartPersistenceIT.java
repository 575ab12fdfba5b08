package com.healthmed.standalone.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Nothing a user was told succeeded is lost when the platform is stopped and started again. */
@ExtendWith(TestPlatform.class)
class RestartPersistenceIT {

    @Test
    void usersEventsAndProfilesSurviveARestart() throws Exception {
        var api = TestPlatform.api();
        var patient = People.patient();
        var doctor = People.doctor();
        String patientId = api.post("/api/v1/patients", patient, null).text("id");
        String doctorId = api.post("/api/v1/doctors", doctor, null).text("id");
        String token = api.login(patient.get("email").asText(), People.PASSWORD);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/me", token).status() == 200);
        // other tests' appointment requests may still expire (and release slots) while this one runs, so the
        // store may only grow; this test's own aggregates must come back exactly
        long events = TestPlatform.storedEvents();
        long patientEvents = TestPlatform.storedEventsOf(patientId);
        long doctorEvents = TestPlatform.storedEventsOf(doctorId);
        long accounts = KeycloakAdmin.accounts();

        TestPlatform.restart();

        var restarted = TestPlatform.api();
        assertThat(TestPlatform.storedEvents()).isGreaterThanOrEqualTo(events);
        assertThat(patientEvents).isPositive();
        assertThat(TestPlatform.storedEventsOf(patientId)).isEqualTo(patientEvents);
        assertThat(TestPlatform.storedEventsOf(doctorId)).isEqualTo(doctorEvents);
        assertThat(KeycloakAdmin.accounts()).isEqualTo(accounts);
        String again = restarted.login(patient.get("cpf").asText(), People.PASSWORD);
        var me = restarted.get("/api/v1/me", again);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(patientId);
        String doctorToken = restarted.login(doctor.at("/crm/number").asText() + "-SP", People.PASSWORD);
        assertThat(restarted.get("/api/v1/me", doctorToken).text("id")).isEqualTo(doctorId);
        // a token issued before the restart is still valid: Keycloak kept its signing keys
        assertThat(restarted.get("/api/v1/me", token).status()).isEqualTo(200);
    }
}
