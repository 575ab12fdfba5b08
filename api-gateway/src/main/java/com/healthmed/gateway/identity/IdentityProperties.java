package com.healthmed.gateway.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where the identity provider (Keycloak) is and how the gateway talks to it.
 *
 * @param baseUrl             Keycloak's base URL, e.g. {@code http://127.0.0.1:8180}
 * @param realm               the realm holding patients, doctors and staff
 * @param gatewayClientId     confidential client whose service account administers users
 * @param gatewayClientSecret its secret (the repository only holds a development default)
 * @param appClientId         public client used for password logins on behalf of apps
 * @param audience            audience every access token must carry
 * @param clockSkew           tolerated clock difference when checking token expiry
 */
@ConfigurationProperties("healthmed.identity")
public record IdentityProperties(@DefaultValue("http://127.0.0.1:8180") String baseUrl,
                                 @DefaultValue("healthmed") String realm,
                                 @DefaultValue("healthmed-gateway") String gatewayClientId,
                                 @DefaultValue("healthmed-gateway-dev-secret") String gatewayClientSecret,
                                 @DefaultValue("healthmed-app") String appClientId,
                                 @DefaultValue("healthmed-api") String audience,
                                 @DefaultValue("30s") Duration clockSkew) {

    public String issuer() {
        return baseUrl + "/realms/" + realm;
    }

    public String tokenEndpoint() {
        return issuer() + "/protocol/openid-connect/token";
    }

    public String jwkSetUri() {
        return issuer() + "/protocol/openid-connect/certs";
    }

    public String usersEndpoint() {
        return baseUrl + "/admin/realms/" + realm + "/users";
    }
}
