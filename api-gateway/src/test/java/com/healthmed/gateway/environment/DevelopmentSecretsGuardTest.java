package com.healthmed.gateway.environment;

import com.healthmed.gateway.identity.IdentityProperties;
import com.healthmed.gateway.record.RecordsProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DevelopmentSecretsGuardTest {

    private static final String OWN_KEY = "c2VjcmV0LWtleS1vZi10aGlzLWRlcGxveW1lbnQtMzI=";

    private static IdentityProperties identity(String clientSecret) {
        return new IdentityProperties("http://keycloak:8180", null, "healthmed", "healthmed-gateway", clientSecret,
                "healthmed-app", "healthmed-api", Duration.ofSeconds(30));
    }

    @Test
    void outsideDevelopmentEveryDevelopmentSecretIsNamed() {
        assertThatThrownBy(() -> new DevelopmentSecretsGuard("production",
                identity(DevelopmentSecretsGuard.DEV_GATEWAY_CLIENT_SECRET),
                new RecordsProperties(DevelopmentSecretsGuard.DEV_RECORDS_MASTER_KEY)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("healthmed.records.master-key (env HEALTHMED_RECORDS_MASTER_KEY)")
                .hasMessageContaining("healthmed.identity.gateway-client-secret (env KEYCLOAK_GATEWAY_SECRET)");
    }

    @Test
    void oneDevelopmentSecretIsEnoughToRefuse() {
        assertThatThrownBy(() -> new DevelopmentSecretsGuard("staging", identity("own-client-secret"),
                new RecordsProperties(DevelopmentSecretsGuard.DEV_RECORDS_MASTER_KEY)))
                .hasMessageContaining("healthmed.records.master-key")
                .hasMessageNotContaining("gateway-client-secret");
    }

    @Test
    void ownSecretsStartAnywhereAndDevelopmentAcceptsTheDefaults() {
        assertThatCode(() -> new DevelopmentSecretsGuard("production", identity("own-client-secret"),
                new RecordsProperties(OWN_KEY))).doesNotThrowAnyException();
        assertThatCode(() -> new DevelopmentSecretsGuard("Development",
                identity(DevelopmentSecretsGuard.DEV_GATEWAY_CLIENT_SECRET),
                new RecordsProperties(DevelopmentSecretsGuard.DEV_RECORDS_MASTER_KEY))).doesNotThrowAnyException();
        assertThat(DevelopmentSecretsGuard.developmentSecrets(identity("x"), new RecordsProperties(OWN_KEY))).isEmpty();
    }
}
