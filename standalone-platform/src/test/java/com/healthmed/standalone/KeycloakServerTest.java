package com.healthmed.standalone;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakServerTest {

    @Test
    void optionsOnlyNewerJdksKnowAreLeftOutOnJdk21() {
        assertThat(KeycloakServer.keycloakJvmOptions(21)).doesNotContain("--sun-misc-unsafe-memory-access");
        assertThat(KeycloakServer.keycloakJvmOptions(22)).doesNotContain("--sun-misc-unsafe-memory-access");
        assertThat(KeycloakServer.keycloakJvmOptions(25)).contains("--sun-misc-unsafe-memory-access=allow");
        assertThat(KeycloakServer.keycloakJvmOptions(21)).contains("--add-opens=java.base/java.lang=ALL-UNNAMED");
    }

    @Test
    void outsideDevelopmentTheStandaloneKeycloakWithItsDevelopmentAdminPasswordDoesNotStart() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                        KeycloakServer.refuseOutsideDevelopment("--healthmed.environment=production"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("healthmed.environment")
                .hasMessageContaining("admin");
        org.assertj.core.api.Assertions.assertThatCode(() ->
                KeycloakServer.refuseOutsideDevelopment("--healthmed.environment=development")).doesNotThrowAnyException();
    }
}
