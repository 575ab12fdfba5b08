package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Bad registrations are answered 400 with the offending field, and leave no account and no event behind. */
@ExtendWith(TestPlatform.class)
class RegistrationValidationIT {

    private final Api api = TestPlatform.api();

    static Stream<Arguments> badPatients() {
        return Stream.of(
                bad("CPF with wrong check digits", "cpf", b -> b.put("cpf", "529.982.247-26")),
                bad("CPF with letters", "cpf", b -> b.put("cpf", "529.982.ABC-25")),
                bad("malformed e-mail", "email", b -> b.put("email", "maria.example.com")),
                bad("password under 8 characters", "password", b -> b.put("password", "1234567")),
                bad("unknown UF", "state", b -> b.put("state", "XX")),
                bad("missing name", "name", b -> b.remove("name")),
                bad("blank name", "name", b -> b.put("name", "   ")),
                bad("missing phone", "phone", b -> b.remove("phone")),
                bad("birth date in the future", "birthDate", b -> b.put("birthDate", "2990-01-01")),
                bad("birth date not a date", "birthDate", b -> b.put("birthDate", "12/04/1990")),
                bad("latitude of the wrong type", "location.lat", b -> b.with("location").put("lat", "north")),
                bad("latitude out of range", "location.lat", b -> b.with("location").put("lat", 91)),
                bad("unknown field", "nickname", b -> b.put("nickname", "Mari")));
    }

    static Stream<Arguments> badDoctors() {
        return Stream.of(
                bad("CRM number with letters", "crm.number", b -> b.with("crm").put("number", "12A456")),
                bad("CRM number too long", "crm.number", b -> b.with("crm").put("number", "1234567890")),
                bad("CRM of an unknown UF", "crm.uf", b -> b.with("crm").put("uf", "ZZ")),
                bad("missing CRM", "crm", b -> b.remove("crm")),
                bad("negative price", "consultationPrice.amount",
                        b -> b.with("consultationPrice").put("amount", "-10.00")),
                bad("zero price", "consultationPrice.amount", b -> b.with("consultationPrice").put("amount", "0")),
                bad("price in dollars", "consultationPrice.currency",
                        b -> b.with("consultationPrice").put("currency", "USD")),
                bad("unknown specialty", "specialties[0]", b -> b.putArray("specialties").add("Astrologia")),
                bad("no specialty", "specialties", b -> b.putArray("specialties")),
                bad("unknown time zone", "timeZone", b -> b.put("timeZone", "Mars/Olympus_Mons")),
                bad("missing location", "location", b -> b.remove("location")),
                bad("address without city", "address.city", b -> b.with("address").remove("city")),
                bad("malformed e-mail", "email", b -> b.put("email", "joao@")),
                bad("password under 8 characters", "password", b -> b.put("password", "short")));
    }

    private static Arguments bad(String what, String field, Consumer<ObjectNode> change) {
        return Arguments.of(Named.of(what, change), field);
    }

    @ParameterizedTest
    @MethodSource("badPatients")
    void badPatientRegistration(Consumer<ObjectNode> change, String field) {
        ObjectNode body = People.patient();
        change.accept(body);
        assertRejected("/api/v1/patients", body, field);
    }

    @ParameterizedTest
    @MethodSource("badDoctors")
    void badDoctorRegistration(Consumer<ObjectNode> change, String field) {
        ObjectNode body = People.doctor();
        change.accept(body);
        assertRejected("/api/v1/doctors", body, field);
    }

    private void assertRejected(String path, ObjectNode body, String field) {
        long events = TestPlatform.storedEventsCausedByRequests();
        long accounts = KeycloakAdmin.accounts();

        var response = api.post(path, body, null);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemType()).isEqualTo("https://healthmed.example/problems/validation");
        assertThat(response.body().path("errors").findValuesAsText("field")).contains(field);
        assertThat(TestPlatform.storedEventsCausedByRequests()).as("events stored").isEqualTo(events);
        assertThat(KeycloakAdmin.accounts()).as("Keycloak accounts").isEqualTo(accounts);
        if (body.hasNonNull("email")) {
            assertThat(KeycloakAdmin.accountExistsWithEmail(body.get("email").asText())).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("notJson")
    void aBodyThatIsNotJsonIsMalformed(String raw) {
        var response = api.postRaw("/api/v1/patients", raw, null);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    static Stream<String> notJson() {
        return Stream.of("{\"name\": ", "not json at all", "");
    }
}
