package com.healthmed.standalone.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;

import static com.healthmed.standalone.e2e.Api.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** GET and PATCH /me: changes go through commands and events, and the answer already shows them. */
@ExtendWith(TestPlatform.class)
class ProfileEndToEndIT {

    private final Api api = TestPlatform.api();

    @Test
    void aPatientChangesOnlyWhatTheySend() {
        var body = People.patient();
        api.post("/api/v1/patients", body, null);
        String token = api.login(body.get("email").asText(), People.PASSWORD);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/me", token).status() == 200);
        long events = TestPlatform.storedEventsCausedByRequests();

        var patch = JSON.createObjectNode().put("city", "Campinas").put("phone", "+55 (19) 98888-7777");
        var changed = api.patch("/api/v1/me", patch, token);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.text("city")).isEqualTo("Campinas");
        assertThat(changed.text("phone")).isEqualTo("+5519988887777");
        assertThat(changed.text("name")).isEqualTo("Maria Silva");
        assertThat(api.get("/api/v1/me", token).text("city")).isEqualTo("Campinas");
        assertThat(TestPlatform.storedEventsCausedByRequests()).isEqualTo(events + 1);

        var same = api.patch("/api/v1/me", patch, token);
        assertThat(same.status()).isEqualTo(200);
        assertThat(TestPlatform.storedEventsCausedByRequests()).as("an unchanged profile records nothing").isEqualTo(events + 1);
    }

    @Test
    void anInvalidChangeIsRejectedAndChangesNothing() {
        var body = People.patient();
        api.post("/api/v1/patients", body, null);
        String token = api.login(body.get("email").asText(), People.PASSWORD);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/me", token).status() == 200);
        long events = TestPlatform.storedEventsCausedByRequests();

        var badState = api.patch("/api/v1/me", JSON.createObjectNode().put("state", "XX"), token);
        var doctorField = api.patch("/api/v1/me", JSON.createObjectNode().put("timeZone", "America/Manaus"), token);
        var blankName = api.patch("/api/v1/me", JSON.createObjectNode().put("name", " "), token);

        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.body().path("errors").findValuesAsText("field")).contains("state");
        assertThat(doctorField.status()).isEqualTo(400);
        assertThat(blankName.status()).isEqualTo(400);
        assertThat(TestPlatform.storedEventsCausedByRequests()).isEqualTo(events);
        assertThat(api.get("/api/v1/me", token).text("state")).isEqualTo("SP");
    }

    @Test
    void aDoctorChangesProfileAndPrice() {
        var body = People.doctor();
        api.post("/api/v1/doctors", body, null);
        String token = api.login(body.at("/crm/number").asText() + "-SP", People.PASSWORD);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get("/api/v1/me", token).status() == 200);

        var patch = JSON.createObjectNode().put("timeZone", "America/Manaus");
        patch.putArray("specialties").add("Cardiologia").add("Clínica Médica");
        patch.putObject("consultationPrice").put("amount", "300.00").put("currency", "BRL");
        var changed = api.patch("/api/v1/me", patch, token);

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.text("timeZone")).isEqualTo("America/Manaus");
        assertThat(changed.body().path("specialties").toString()).isEqualTo("[\"Cardiologia\",\"Clínica Médica\"]");
        assertThat(changed.body().at("/consultationPrice/amount").decimalValue()).isEqualByComparingTo("300.00");

        var negative = api.patch("/api/v1/me", JSON.createObjectNode().set("consultationPrice",
                JSON.createObjectNode().put("amount", "-1")), token);
        assertThat(negative.status()).isEqualTo(400);
    }

    @Test
    void theAdministratorHasAnAccountProfile() {
        String admin = api.login("admin", "healthmed-dev-admin");
        var me = api.get("/api/v1/me", admin);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.text("username")).isEqualTo("admin");
        assertThat(me.body().path("roles").toString()).contains("admin");
        assertThat(api.patch("/api/v1/me", JSON.createObjectNode().put("name", "x"), admin).status()).isEqualTo(403);
    }
}
