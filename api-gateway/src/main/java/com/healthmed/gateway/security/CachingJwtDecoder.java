package com.healthmed.gateway.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Answers a token the real decoder has already accepted from memory, keyed by the exact token string: a client sends
 * the same access token for minutes, and checking its RSA signature and parsing its claims on every request took
 * 8–13 % of the gateway's CPU under the booking load (issue 11).
 * <p>
 * What this gives up: a remembered token is not checked against the JWK set again, so a signing key Keycloak removed
 * is still accepted for tokens first seen before, for at most {@code max-age} after their first check. It never
 * accepts a token the decoder refused at its first use (refusals are not remembered, a bad token is refused every
 * time), and never after its {@code exp}: every hit is checked against the validators' clock and clock skew, and an
 * expired entry is dropped and the token decoded again, which refuses it the usual way.
 */
final class CachingJwtDecoder implements JwtDecoder {

    static final String METRIC_NAME = "healthmed.security.token-cache";

    private final JwtDecoder delegate;
    private final Cache<String, Jwt> accepted;
    private final JwtTimestampValidator stillValid;

    CachingJwtDecoder(JwtDecoder delegate, TokenCacheProperties properties, Clock clock, Duration clockSkew,
                      Ticker ticker) {
        this.delegate = delegate;
        this.stillValid = new JwtTimestampValidator(clockSkew);
        this.stillValid.setClock(clock);
        Duration maxAge = properties.maxAge();
        // entries leave at exp + skew (as measured when written) or max-age, whichever comes first, so the cache only
        // holds live tokens; the check on every hit covers a clock that moved since
        this.accepted = Caffeine.newBuilder()
                .maximumSize(properties.maxEntries())
                .expireAfter(Expiry.<String, Jwt>writing((token, jwt) -> {
                    Duration left = Duration.between(clock.instant(), jwt.getExpiresAt().plus(clockSkew));
                    return left.isNegative() ? Duration.ZERO : (left.compareTo(maxAge) < 0 ? left : maxAge);
                }))
                .ticker(ticker)
                .recordStats()
                .build();
    }

    /**
     * {@code delegate} itself when {@code properties} switch the cache off, else {@code delegate} behind a cache whose
     * statistics are registered as {@value #METRIC_NAME} ({@code cache_gets_total{cache="..."}}, ...).
     */
    static JwtDecoder wrap(JwtDecoder delegate, TokenCacheProperties properties, Clock clock, Duration clockSkew,
                           MeterRegistry registry) {
        if (!properties.on()) {
            return delegate;
        }
        var cached = new CachingJwtDecoder(delegate, properties, clock, clockSkew, Ticker.systemTicker());
        if (registry != null) {
            CaffeineCacheMetrics.monitor(registry, cached.accepted, METRIC_NAME);
        }
        return cached;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        if (token == null) {
            return delegate.decode(null);
        }
        Jwt known = accepted.getIfPresent(token);
        if (known != null) {
            if (!stillValid.validate(known).hasErrors()) {
                return known;
            }
            accepted.invalidate(token);
        }
        Jwt decoded = delegate.decode(token); // a refusal throws here: nothing is remembered
        Instant expiresAt = decoded.getExpiresAt();
        if (expiresAt != null) { // a token without exp is validated every time rather than trusted for max-age
            accepted.put(token, decoded);
        }
        return decoded;
    }
}
