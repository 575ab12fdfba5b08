package com.healthmed.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.nimbusds.jwt.JWTParser;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When each login session ({@code sid} of its tokens) last entered a password through this gateway, for operations
 * that demand a recent login (LGPD erasure). Keycloak 26 puts no {@code auth_time} into tokens of password grants,
 * and a refresh keeps the session, so a refreshed token counts from its password login, not from the refresh.
 * Kept in memory for the allowed age only: the gateway is one process (standalone, compose); several gateways
 * behind a balancer would ask the user to log in again where the login happened elsewhere.
 */
@Component
public class RecentLogins {

    private final Cache<String, Instant> logins;
    private final Clock clock;

    RecentLogins(@Value("${healthmed.erasure.reauthentication-max-age:PT5M}") Duration maxAge,
                 @Qualifier("tokenValidationClock") ObjectProvider<Clock> clock) {
        this.logins = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(maxAge.plusMinutes(1)).build();
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Notes a password login that issued {@code accessToken} (just received from the identity provider). */
    void loggedIn(String accessToken) {
        try {
            Object session = JWTParser.parse(accessToken).getJWTClaimsSet().getClaim("sid");
            if (session != null) {
                logins.put(session.toString(), clock.instant());
            }
        } catch (java.text.ParseException notAJwt) {
            // an identity provider without JWT access tokens: nothing to note
        }
    }

    /** When the session's password was entered here, if that is recent enough to be remembered. */
    public Optional<Instant> loginOf(String sessionId) {
        return sessionId == null ? Optional.empty() : Optional.ofNullable(logins.getIfPresent(sessionId));
    }
}
