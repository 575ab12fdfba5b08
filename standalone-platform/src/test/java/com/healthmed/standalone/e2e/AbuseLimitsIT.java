package com.healthmed.standalone.e2e;

import com.healthmed.gateway.limits.RateLimitProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static com.healthmed.standalone.e2e.Api.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Rate limits (429 with {@code Retry-After} and a problem), refresh-token rotation, links that name the
 * configured public base URL whatever {@code Host} the client sends, and the paged access log. Each limit is
 * exhausted with its configured size, from a client address of its own (a trusted proxy's
 * {@code X-Forwarded-For}, believed from loopback), so the rest of the suite keeps its buckets.
 */
@ExtendWith(TestPlatform.class)
class AbuseLimitsIT {

    private static final String TOO_MANY = "https://healthmed.example/problems/too-many-requests";
    private final Api api = TestPlatform.api();
    private final RateLimitProperties limits = TestPlatform.bean(RateLimitProperties.class);

    private static String someAddress() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /**
     * Sends the request until it is refused: the first {@code allowed} never are, and a 429 must come before twice
     * as many (the bucket refills evenly over its period, so a few more than {@code allowed} may pass meanwhile).
     */
    private HttpResponse<String> exhaust(int allowed, java.util.function.Supplier<HttpResponse<String>> send) {
        HttpResponse<String> refused = null;
        for (int i = 0; i < 2 * allowed && refused == null; i++) {
            var answer = send.get();
            if (answer.statusCode() == 429) {
                assertThat(i).as("requests accepted before the first 429").isGreaterThanOrEqualTo(allowed);
                refused = answer;
            }
        }
        assertThat(refused).as("a 429 within " + 2 * allowed + " requests").isNotNull();
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(refused.body()).contains("\"type\":\"" + TOO_MANY + "\"");
        long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, 3600L);
        return refused;
    }

    @Test
    void loginsFromOneAddressAreLimitedBeforeTheBodyIsEvenRead() {
        String address = someAddress();
        // invalid bodies (400) count too: a flood costs nothing before it is cut off
        var refused = exhaust(limits.loginPerAddress().requests(), () -> api.exchange("POST",
                "/api/v1/auth/token", null, "{}", Map.of("X-Forwarded-For", address)));
        assertThat(refused.body()).contains("login-per-address");
        // another address is not affected
        assertThat(api.exchange("POST", "/api/v1/auth/token", null, "{}", Map.of("X-Forwarded-For", someAddress()))
                .statusCode()).isEqualTo(400);
    }

    @Test
    void loginsOfOneAccountAreLimitedFromAnyAddress() {
        String body = JSON.createObjectNode().put("username", "nobody-" + UUID.randomUUID() + "@example.com")
                .put("password", "wrong-password").toString();
        var refused = exhaust(limits.loginPerAccount().requests(), () -> api.exchange("POST",
                "/api/v1/auth/token", null, body, Map.of("X-Forwarded-For", someAddress())));
        assertThat(refused.body()).contains("login-per-account");
    }

    @Test
    void registrationsFromOneAddressAreLimited() {
        String address = someAddress();
        long accounts = KeycloakAdmin.accounts();
        // patients and doctors alternate: they share the address's bucket, so the 429 comes before 2 × the limit
        int[] sent = {0};
        var refused = exhaust(limits.registrationPerAddress().requests(), () -> api.exchange("POST",
                sent[0]++ % 2 == 0 ? "/api/v1/patients" : "/api/v1/doctors", null, "{}", Map.of("X-Forwarded-For", address)));
        assertThat(refused.body()).contains("registration-per-address");
        assertThat(KeycloakAdmin.accounts()).as("no account was created by the flood").isEqualTo(accounts);
    }

    @Test
    void registrationAttemptsNamingOneAccountAreLimited() {
        var body = People.patient();
        String cpf = body.get("cpf").asText();
        // the first creates the account, the others are 409; then the CPF's bucket is empty
        var refused = exhaust(limits.registrationPerAccount().requests(), () -> {
            body.put("email", People.email("retry"));
            return api.exchange("POST", "/api/v1/patients", null, body.toString(), Map.of("X-Forwarded-For", someAddress()));
        });
        assertThat(refused.body()).contains("registration-per-account");
        assertThat(KeycloakAdmin.accountExistsWithEmail(body.get("email").asText())).isFalse();
        assertThat(cpf).isNotBlank();
    }

    @Test
    void bookingRequestsOfOnePatientAreLimited() {
        var patient = Scenario.patient(api);
        long events = TestPlatform.storedEventsOf(patient.id());
        var refused = exhaust(limits.bookingPerPatient().requests(), () -> api.exchange("POST",
                "/api/v1/appointments", patient.token(), "{}", Map.of()));
        assertThat(refused.body()).contains("booking-per-patient");
        assertThat(TestPlatform.storedEventsOf(patient.id())).isEqualTo(events);
        // another patient books on
        var other = Scenario.patient(api);
        assertThat(api.post("/api/v1/appointments", "{}", other.token()).status()).isEqualTo(400);
    }

    @Test
    void sharedRecordReadsOfOneDoctorAreLimited() {
        var doctor = Scenario.verifiedDoctor(api);
        String unknownPatient = UUID.randomUUID().toString();
        var refused = exhaust(limits.recordReadsPerDoctor().requests(), () -> api.exchange("GET",
                "/api/v1/records/" + unknownPatient + "/documents", doctor.token(), null, Map.of()));
        assertThat(refused.body()).contains("record-reads-per-doctor");
    }

    @Test
    void aRefreshTokenWorksOnceAndItsSuccessorWorks() {
        var patient = Scenario.patient(api);
        var login = api.post("/api/v1/auth/token", JSON.createObjectNode()
                .put("username", patient.registration().get("email").asText()).put("password", People.PASSWORD), null);
        String first = login.text("refresh_token");

        var refreshed = api.post("/api/v1/auth/refresh", JSON.createObjectNode().put("refreshToken", first), null);
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String second = refreshed.text("refresh_token");
        assertThat(second).isNotEqualTo(first);

        var reused = api.post("/api/v1/auth/refresh", JSON.createObjectNode().put("refreshToken", first), null);
        assertThat(reused.status()).as(reused.toString()).isEqualTo(401);
        assertThat(reused.problemType()).isEqualTo("https://healthmed.example/problems/invalid-credentials");
        // Keycloak revokes the whole session when a used refresh token comes back (it may have been stolen)
        var successor = api.post("/api/v1/auth/refresh", JSON.createObjectNode().put("refreshToken", second), null);
        assertThat(successor.status()).as(successor.toString()).isIn(200, 401);
    }

    @Test
    void pagingLinksNameThePublicBaseUrlWhateverHostTheClientSends() throws IOException {
        var patient = Scenario.patient(api);
        var doctor = Scenario.verifiedDoctor(api);
        assertThat(doctor.id()).isNotBlank();
        String body = getWithHost("/api/v1/doctors?specialty=Cardiologia&size=1", patient.token(), "evil.example:666");
        var links = JSON.readTree(body).path("links");
        assertThat(links.path("self").asText()).as(body).startsWith(TestPlatform.apiUrl() + "/api/v1/doctors?");
        assertThat(links.toString()).doesNotContain("evil.example");
    }

    /** A GET over a plain socket, so the {@code Host} header is exactly what a hostile client would send. */
    private static String getWithHost(String path, String token, String host) throws IOException {
        URI api = URI.create(TestPlatform.apiUrl());
        try (Socket socket = new Socket(api.getHost(), api.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token
                    + "\r\nX-Forwarded-Host: evil.example\r\nAccept: application/json\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200");
            String payload = response.substring(response.indexOf("\r\n\r\n") + 4);
            // chunked transfer: the JSON object lies between the first '{' and the last '}'
            return payload.substring(payload.indexOf('{'), payload.lastIndexOf('}') + 1);
        }
    }

    @Test
    void theAccessLogIsPaged() {
        var patient = Scenario.patient(api);
        var doctor = Scenario.verifiedDoctor(api);
        var uploaded = api.multipart("/api/v1/records/me/documents", patient.token(), Map.of("group", "exams"),
                "exame.pdf", "application/pdf", RecordsEndToEndIT.PDF);
        assertThat(uploaded.status()).as(uploaded.toString()).isEqualTo(201);
        var grant = JSON.createObjectNode().put("doctorId", doctor.id()).put("durationHours", 1);
        grant.putArray("groups").add("exams");
        assertThat(api.post("/api/v1/records/me/grants", grant, patient.token()).status()).isEqualTo(201);
        String content = "/api/v1/records/" + patient.id() + "/documents/" + uploaded.text("documentId") + "/content";
        for (int i = 0; i < 3; i++) {
            assertThat(api.bytes(content, doctor.token())).isEqualTo(RecordsEndToEndIT.PDF);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/api/v1/records/me/access-log", patient.token()).body().path("total").asLong())
                        .isEqualTo(3));
        var first = api.get("/api/v1/records/me/access-log?page=0&size=2", patient.token());
        var second = api.get("/api/v1/records/me/access-log?page=1&size=2", patient.token());
        assertThat(first.body().path("items").size()).isEqualTo(2);
        assertThat(second.body().path("items").size()).isEqualTo(1);
        assertThat(java.time.Instant.parse(first.body().path("items").get(0).path("at").asText())).as("newest first")
                .isAfterOrEqualTo(java.time.Instant.parse(first.body().path("items").get(1).path("at").asText()));
        var tooBig = api.get("/api/v1/records/me/access-log?size=101", patient.token());
        assertThat(tooBig.status()).isEqualTo(400);
        assertThat(tooBig.problemType()).isEqualTo("https://healthmed.example/problems/validation");
    }
}
