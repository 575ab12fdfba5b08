package com.healthmed.load.setup;

import java.time.Instant;

/**
 * A seeded user and the tokens last issued to it. The tokens are kept in the pool file so the next run refreshes
 * them instead of logging in again (a login costs Keycloak ~50 ms of CPU for the password hash; a refresh does not).
 */
public record Account(String id, String username, String password, String accessToken, String refreshToken,
                      Instant accessExpiresAt, Instant refreshExpiresAt) {

    public Account withTokens(String access, String refresh, Instant accessExpires, Instant refreshExpires) {
        return new Account(id, username, password, access, refresh, accessExpires, refreshExpires);
    }
}
