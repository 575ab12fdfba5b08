package com.healthmed.gateway.identity;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** UP when the realm's OpenID configuration is served, i.e. users can log in. */
@Component("identityProvider")
class IdentityProviderHealthIndicator extends AbstractHealthIndicator {

    private final IdentityProperties properties;
    private final RestClient http;

    IdentityProviderHealthIndicator(IdentityProperties properties, RestClient.Builder builder) {
        super("Keycloak realm is not reachable");
        this.properties = properties;
        this.http = builder.clone().build();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        http.get().uri(properties.openIdConfiguration()).retrieve().toBodilessEntity();
        builder.up().withDetail("issuer", properties.issuer());
    }
}
