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
}
