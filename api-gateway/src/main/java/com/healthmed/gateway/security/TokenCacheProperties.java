package com.healthmed.gateway.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The gateway's cache of access tokens it has already validated ({@code healthmed.security.token-cache.*}), see
 * {@link CachingJwtDecoder}.
 *
 * @param enabled    {@code false} validates every request's token in full
 * @param maxEntries how many distinct tokens are remembered at most ({@code 0} switches the cache off)
 * @param maxAge     how long after its first validation a token is answered from memory at most ({@code 0} switches
 *                   the cache off): also how long a signing key removed from Keycloak may still be accepted
 */
@ConfigurationProperties("healthmed.security.token-cache")
public record TokenCacheProperties(@DefaultValue("true") boolean enabled,
                                   @DefaultValue("20000") int maxEntries,
                                   @DefaultValue("5m") Duration maxAge) {

    public TokenCacheProperties {
        if (maxEntries < 0 || maxAge == null || maxAge.isNegative()) {
            throw new IllegalArgumentException("healthmed.security.token-cache: max-entries and max-age must not be "
                    + "negative (0 switches the cache off), got " + maxEntries + " and " + maxAge);
        }
    }

    boolean on() {
        return enabled && maxEntries > 0 && maxAge.isPositive();
    }
}
