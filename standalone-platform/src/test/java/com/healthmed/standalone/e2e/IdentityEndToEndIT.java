package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static com.healthmed.standalone.e2e.People.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Registration and login exactly as patients, doctors and the administrator use them (R1, R4). */
@ExtendWith(TestPlatform.class)
class IdentityEndToEndIT {

    private static final String PROBLEMS = "https://healthmed.example/problems/";
    private final Api api = TestPlatform.api();

    @Test
    void aPatientRegistersAndLogsInWithEmailOrCpf() {
        ObjectNode body = People.patient();
        String cpf = body.get("cpf").asText();
        String digits = cpf.replaceAll("\\D", "");

        var created = api.post("/api/v1/patients", body, null);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("cpf")).isEqualTo(digits);
        assertThat(created.text("id")).isNotBlank();
        assertThat(created.raw()).doesNotContain(PASSWORD);

        String byEmail = api.login(body.get("email").asText().toUpperCase(), PASSWORD);
        String byCpf = api.login(cpf, PASSWORD);
        String byCpfDigits = api.login(digits, PASSWORD);
        assertThat(byEmail).isNotBlank();
        assertThat(byCpfDigits).isNotBlank();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var me = api.get("/api/v1/me", byCpf);
            assertThat(me.status()).as(me.toString()).isEqualTo(200);
            assertThat(me.text("id")).isEqualTo(created.text("id"));
            assertThat(me.text("email")).isEqualTo(body.get("email").asText());
            assertThat(me.text("city")).isEqualTo("São Paulo");
        });
    }

    @Test
    void aDoctorRegistersUnverifiedLogsInWithTheCrmAndIsVerifiedOnlyByAnAdmin() {
        ObjectNode body = People.doctor();
        String number = body.at("/crm/number").asText();
        body.with("crm").put("number", number.substring(0, 3) + "." + number.substring(3));

        var created = api.post("/api/v1/doctors", body, null);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("crm")).isEqualTo(number + "-SP");
        assertThat(created.text("status")).isEqualTo("PENDING_VERIFICATION");
        String doctorId = created.text("id");

        String doctor = api.login(number + "-SP", PASSWORD);
        assertThat(api.login(number + "/sp", PASSWORD)).isNotBlank();
        assertThat(api.login("CRM-SP " + number, PASSWORD)).isNotBlank();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/me", doctor).text("status")).isEqualTo("PENDING_VERIFICATION"));

        // nobody but an administrator can verify: not the doctor, not a patient
        var byDoctor = api.post("/api/v1/admin/doctors/" + doctorId + "/verification", "{}", doctor);
        assertThat(byDoctor.status()).isEqualTo(403);
        assertThat(byDoctor.problemType()).isEqualTo(PROBLEMS + "forbidden");
        assertThat(api.get("/api/v1/me", doctor).text("status")).isEqualTo("PENDING_VERIFICATION");

        String admin = api.login("admin", "healthmed-dev-admin");
        var verified = api.post("/api/v1/admin/doctors/" + doctorId + "/verification", "{}", admin);
        assertThat(verified.status()).as(verified.toString()).isEqualTo(200);
        assertThat(verified.text("status")).isEqualTo("VERIFIED");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/me", doctor).text("status")).isEqualTo("VERIFIED"));

        var again = api.post("/api/v1/admin/doctors/" + doctorId + "/verification", "{}", admin);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.problemType()).isEqualTo(PROBLEMS + "doctor-already-verified");
    }

    @Test
    void verifyingSomeoneWhoIsNotADoctorIsNotFound() {
        String admin = api.login("admin", "healthmed-dev-admin");
        var patient = api.post("/api/v1/patients", People.patient(), null);

        var unknown = api.post("/api/v1/admin/doctors/00000000-0000-4000-8000-000000000000/verification", "{}", admin);
        var notADoctor = api.post("/api/v1/admin/doctors/" + patient.text("id") + "/verification", "{}", admin);

        assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
        assertThat(unknown.problemType()).isEqualTo(PROBLEMS + "not-found");
        assertThat(notADoctor.status()).as(notADoctor.toString()).isEqualTo(404);
    }

    @Test
    void duplicateCpfCrmOrEmailIsAConflictAndCreatesNothing() {
        ObjectNode patient = People.patient();
        assertThat(api.post("/api/v1/patients", patient, null).status()).isEqualTo(201);
        long events = TestPlatform.storedEventsCausedByRequests();

        var sameCpf = People.patient().put("cpf", patient.get("cpf").asText().replaceAll("\\D", ""));
        var sameEmail = People.patient().put("email", patient.get("email").asText().toUpperCase());
        var cpfConflict = api.post("/api/v1/patients", sameCpf, null);
        var emailConflict = api.post("/api/v1/patients", sameEmail, null);

        assertThat(cpfConflict.status()).isEqualTo(409);
        assertThat(cpfConflict.problemType()).isEqualTo(PROBLEMS + "cpf-already-registered");
        assertThat(cpfConflict.contentType()).startsWith("application/problem+json");
        assertThat(emailConflict.status()).isEqualTo(409);
        assertThat(emailConflict.problemType()).isEqualTo(PROBLEMS + "email-already-registered");

        ObjectNode doctor = People.doctor();
        assertThat(api.post("/api/v1/doctors", doctor, null).status()).isEqualTo(201);
        events = TestPlatform.storedEventsCausedByRequests();
        var sameCrm = People.doctor();
        sameCrm.set("crm", doctor.get("crm").deepCopy());
        var doctorWithPatientEmail = People.doctor().put("email", patient.get("email").asText());

        var crmConflict = api.post("/api/v1/doctors", sameCrm, null);
        var crossEmailConflict = api.post("/api/v1/doctors", doctorWithPatientEmail, null);

        assertThat(crmConflict.status()).isEqualTo(409);
        assertThat(crmConflict.problemType()).isEqualTo(PROBLEMS + "crm-already-registered");
        assertThat(crossEmailConflict.status()).isEqualTo(409);
        assertThat(crossEmailConflict.problemType()).isEqualTo(PROBLEMS + "email-already-registered");
        assertThat(TestPlatform.storedEventsCausedByRequests()).isEqualTo(events);
    }

    @Test
    void aWrongPasswordIsUnauthorized() {
        ObjectNode patient = People.patient();
        api.post("/api/v1/patients", patient, null);

        var wrong = api.post("/api/v1/auth/token", Api.JSON.createObjectNode()
                .put("username", patient.get("email").asText()).put("password", "not-the-password"), null);
        var unknown = api.post("/api/v1/auth/token", Api.JSON.createObjectNode()
                .put("username", "nobody@example.com").put("password", PASSWORD), null);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.problemType()).isEqualTo(PROBLEMS + "invalid-credentials");
        assertThat(wrong.contentType()).startsWith("application/problem+json");
        assertThat(unknown.status()).isEqualTo(401);
    }

    @Test
    void tokensCanBeRefreshed() {
        ObjectNode patient = People.patient();
        api.post("/api/v1/patients", patient, null);
        var tokens = api.post("/api/v1/auth/token", Api.JSON.createObjectNode()
                .put("username", patient.get("email").asText()).put("password", PASSWORD), null);
        assertThat(tokens.text("token_type")).isEqualToIgnoringCase("Bearer");
        assertThat(tokens.body().path("expires_in").asInt()).isPositive();

        var refreshed = api.post("/api/v1/auth/refresh", Api.JSON.createObjectNode()
                .put("refreshToken", tokens.text("refresh_token")), null);

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String refreshedToken = refreshed.text("access_token");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/me", refreshedToken).status()).isEqualTo(200));
    }
}
