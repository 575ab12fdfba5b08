package com.healthmed.standalone.e2e;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Date;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway accepts only genuine, current Keycloak tokens meant for the API, and enforces roles. */
@ExtendWith(TestPlatform.class)
class TokenValidationIT {

    private static final String UNAUTHORIZED = "https://healthmed.example/problems/unauthorized";
    private static final String ADMIN_ENDPOINT = "/api/v1/admin/doctors/00000000-0000-4000-8000-000000000000/verification";
    private static String patientToken;
    private final Api api = TestPlatform.api();

    @BeforeAll
    static void registerPatient() {
        var api = TestPlatform.api();
        var patient = People.patient();
        api.post("/api/v1/patients", patient, null);
        patientToken = api.login(patient.get("email").asText(), People.PASSWORD);
    }

    @Test
    void noTokenIsUnauthorized() {
        var response = api.get("/api/v1/me", null);
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.problemType()).isEqualTo(UNAUTHORIZED);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        var before = api.get("/api/v1/me", patientToken);
        assertThat(before.status()).as(before.toString()).isNotEqualTo(401);
        TestPlatform.TOKEN_CLOCK.shift(Duration.ofMinutes(10));
        try {
            var response = api.get("/api/v1/me", patientToken);
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.problemType()).isEqualTo(UNAUTHORIZED);
        } finally {
            TestPlatform.TOKEN_CLOCK.reset();
        }
        assertThat(api.get("/api/v1/me", patientToken).status()).isNotEqualTo(401);
    }

    @Test
    void aTokenWhosePayloadWasAlteredIsUnauthorized() {
        String[] parts = patientToken.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String elevated = payload.replace("\"patient\"", "\"admin\"");
        assertThat(elevated).isNotEqualTo(payload);
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(elevated.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        var response = api.post(ADMIN_ENDPOINT, "{}", forged);

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsUnauthorized() throws Exception {
        var genuine = SignedJWT.parse(patientToken);
        var foreignKey = new RSAKeyGenerator(2048).keyID(genuine.getHeader().getKeyID()).generate();
        var claims = new JWTClaimsSet.Builder(genuine.getJWTClaimsSet())
                .claim("realm_access", Map.of("roles", java.util.List.of("admin")))
                .expirationTime(new Date(System.currentTimeMillis() + 600_000))
                .build();
        var forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(foreignKey.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        forged.sign(new RSASSASigner(foreignKey));

        var response = api.post(ADMIN_ENDPOINT, "{}", forged.serialize());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.problemType()).isEqualTo(UNAUTHORIZED);
    }

    @Test
    void aGenuineTokenForAnotherAudienceIsUnauthorized() {
        var response = api.get("/api/v1/me", KeycloakAdmin.serviceAccountToken());
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void aPatientCallingAnAdminEndpointIsForbidden() {
        var response = api.post(ADMIN_ENDPOINT, "{}", patientToken);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.problemType()).isEqualTo("https://healthmed.example/problems/forbidden");
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theApiIsDocumented() {
        var openApi = api.get("/v3/api-docs", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body().path("paths").has("/api/v1/patients")).isTrue();
        assertThat(openApi.body().path("paths").has("/api/v1/auth/token")).isTrue();
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }
}
