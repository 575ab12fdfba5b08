package com.healthmed.gateway.environment;

import com.healthmed.gateway.identity.IdentityProperties;
import com.healthmed.gateway.record.RecordsProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Outside development ({@code healthmed.environment} other than {@code development}) the gateway refuses to start
 * while any secret still has the value the repository publishes: anyone could read it there.
 */
@Component
public class DevelopmentSecretsGuard {

    public static final String DEVELOPMENT = "development";
    /** The development defaults in the repository (configuration files, realm file, compose, k8s secrets). */
    static final String DEV_RECORDS_MASTER_KEY = com.healthmed.schema.privacy.Envelope.DEVELOPMENT_MASTER_KEY;
    static final String DEV_GATEWAY_CLIENT_SECRET = "healthmed-gateway-dev-secret";

    DevelopmentSecretsGuard(@Value("${healthmed.environment:production}") String environment,
                            IdentityProperties identity, RecordsProperties records) {
        List<String> found = developmentSecrets(identity, records);
        if (!DEVELOPMENT.equals(environment.strip().toLowerCase(Locale.ROOT)) && !found.isEmpty()) {
            throw new IllegalStateException("healthmed.environment is '" + environment + "', not '" + DEVELOPMENT
                    + "', but these settings still hold the development default published in the repository: "
                    + String.join("; ", found) + ". Set your own secrets (or healthmed.environment=development "
                    + "for a development machine).");
        }
    }

    static List<String> developmentSecrets(IdentityProperties identity, RecordsProperties records) {
        List<String> found = new ArrayList<>();
        if (DEV_RECORDS_MASTER_KEY.equals(records.masterKey())) {
            found.add("healthmed.records.master-key (env HEALTHMED_RECORDS_MASTER_KEY)");
        }
        if (DEV_GATEWAY_CLIENT_SECRET.equals(identity.gatewayClientSecret())) {
            found.add("healthmed.identity.gateway-client-secret (env KEYCLOAK_GATEWAY_SECRET)");
        }
        return found;
    }
}
