package com.healthmed.gateway.identity;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A refusal by Keycloak is reported on the request field it is about (it used to be always {@code password}). */
class KeycloakRefusalFieldTest {

    @ParameterizedTest
    @CsvSource({
            "error-person-name-invalid-character, PATIENT, name",
            "invalidPasswordMinLengthMessage, PATIENT, password",
            "error-invalid-email, DOCTOR, email",
            "error-username-invalid-character, DOCTOR, crm",
            "error-username-invalid-character, PATIENT, cpf",
            "something else entirely, PATIENT, account"})
    void theFieldFollowsKeycloaksMessageKey(String message, AccountRole role, String field) {
        assertThat(KeycloakIdentityDirectory.refusedField(message, role)).isEqualTo(field);
    }
}
