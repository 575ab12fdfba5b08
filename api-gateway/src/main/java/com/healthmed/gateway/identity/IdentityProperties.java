package com.healthmed.gateway.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where the identity provider (Keycloak) is and how the gateway talks to it.
 *
 * @param baseUrl             Keycloak's base URL as the gateway reaches it, e.g. {@code http://127.0.0.1:8180}
 * @param publicUrl           Keycloak's base URL as clients reach it, which tokens name as issuer
 *                            (differs from {@code baseUrl} behind Docker networks; defaults to it)
 * @param realm               the realm holding patients, doctors and staff
 * @param gatewayClientId     confidential client whose service account administers users
 * @param gatewayClientSecret its secret (the repository only holds a development default)
 * @param appClientId         public client used for password logins on behalf of apps
 * @param audience            audience every access token must carry
 * @param clockSkew           tolerated clock difference when checking token expiry
 */
@ConfigurationProperties("healthmed.identity")
public record IdentityProperties(@DefaultValue("http://127.0.0.1:8180") String baseUrl,
                                 String publicUrl,
                                 @DefaultValue("healthmed") String realm,
                                 @DefaultValue("healthmed-gateway") String gatewayClientId,
                                 @DefaultValue("healthmed-gateway-dev-secret") String gatewayClientSecret,
                                 @DefaultValue("healthmed-app") String appClientId,
                                 @DefaultValue("healthmed-api") String audience,
                                 @DefaultValue("30s") Duration clockSkew) {

    /** The {@code iss} claim of every token of the realm. */
    public String issuer() {
        return (publicUrl == null || publicUrl.isBlank() ? baseUrl : publicUrl) + "/realms/" + realm;
    }

    private String realmUrl() {
        return baseUrl + "/realms/" + realm;
    }

    public String tokenEndpoint() {
        return realmUrl() + "/protocol/openid-connect/token";
    }

    public String jwkSetUri() {
        return realmUrl() + "/protocol/openid-connect/certs";
    }

    public String openIdConfiguration() {
        return realmUrl() + "/.well-known/openid-configuration";
    }

    public String usersEndpoint() {
        return baseUrl + "/admin/realms/" + realm + "/users";
    }
}
