package com.healthmed.standalone.e2e;

import com.healthmed.standalone.PlatformSettings;
import com.healthmed.standalone.StandalonePlatform;
import dasniko.testcontainers.keycloak.KeycloakContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity flow against the official Keycloak container image with the same realm file, for machines
 * with Docker (skipped where there is none). The rest of the platform is the standalone one.
 */
@Testcontainers(disabledWithoutDocker = true)
class KeycloakContainerIdentityIT {

    @Container
    static final KeycloakContainer KEYCLOAK = new KeycloakContainer("quay.io/keycloak/keycloak:26.5.6")
            .withRealmImportFile("/keycloak/healthmed-realm.json");

    private static StandalonePlatform platform;

    @BeforeAll
    static void startPlatform() throws Exception {
        var ports = TestPlatform.freePorts();
        var settings = PlatformSettings.from()
                .withDataDir(Files.createTempDirectory(Path.of("target"), "container-e2e-"))
                .withPorts(ports)
                .withExternalKeycloak(KEYCLOAK.getAuthServerUrl().replaceAll("/$", ""));
        platform = StandalonePlatform.start(settings, new String[0]);
    }

    @AfterAll
    static void stopPlatform() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void aPatientRegistersAndLogsInWithEmailAndCpf() {
        var api = new Api(platform.apiUrl());
        var patient = People.patient();

        var created = api.post("/api/v1/patients", patient, null);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(api.login(patient.get("email").asText(), People.PASSWORD)).isNotBlank();
        assertThat(api.login(patient.get("cpf").asText(), People.PASSWORD)).isNotBlank();
        assertThat(api.post("/api/v1/patients", patient, null).status()).isEqualTo(409);
    }
}
