package com.healthmed.gateway.identity;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Tokens as the identity provider issued them (OAuth 2.0 token response names). */
public record IssuedTokens(@JsonProperty("access_token") String accessToken,
                           @JsonProperty("refresh_token") String refreshToken,
                           @JsonProperty("expires_in") long expiresIn,
                           @JsonProperty("refresh_expires_in") long refreshExpiresIn,
                           @JsonProperty("token_type") String tokenType) {
}
