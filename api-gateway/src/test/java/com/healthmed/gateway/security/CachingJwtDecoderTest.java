package com.healthmed.gateway.security;

import com.github.benmanes.caffeine.cache.Ticker;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cache in front of a real Nimbus decoder (RS256, expiry with skew) whose calls are counted. */
class CachingJwtDecoderTest {

    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final RSAKey KEY = generateKey();
    private static final RSAKey FOREIGN_KEY = generateKey();

    private final FakeTime time = new FakeTime(Instant.parse("2026-11-24T07:00:00Z"));
    private final AtomicInteger delegateCalls = new AtomicInteger();
    private final JwtDecoder delegate = counting(validatingDecoder(time.clock()));

    @Test
    void theSecondDecodeOfATokenIsAnsweredWithoutTheDelegate() {
        var decoder = cached(properties(100, Duration.ofMinutes(5)));
        String token = token("alice", KEY, Duration.ofMinutes(5));

        Jwt first = decoder.decode(token);
        Jwt second = decoder.decode(token);

        assertThat(second).isSameAs(first);
        assertThat(second.getSubject()).isEqualTo("alice");
        assertThat(delegateCalls).hasValue(1);
    }

    @Test
    void aHitIsAnsweredUntilExpPlusSkewAndThenDecodedAgainAndRefused() {
        var decoder = cached(properties(100, Duration.ofMinutes(10)));
        String token = token("alice", KEY, Duration.ofMinutes(5));
        decoder.decode(token);

        // only the wall clock moves (as the tests' token clock does): the entry is still held, the hit is checked
        time.shiftClock(Duration.ofMinutes(5).plus(SKEW));
        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        assertThat(delegateCalls).hasValue(1);

        time.shiftClock(Duration.ofSeconds(1));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(delegateCalls).as("the expired entry was dropped, the refusal not remembered").hasValue(3);
    }

    @Test
    void anEntryLeavesAtExpPlusSkewWhenTimeSimplyPasses() {
        var decoder = cached(properties(100, Duration.ofMinutes(10)));
        String token = token("alice", KEY, Duration.ofMinutes(2));
        decoder.decode(token);

        time.advance(Duration.ofMinutes(2).plus(SKEW).plusMillis(1));

        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class);
        assertThat(delegateCalls).hasValue(2);
    }

    @Test
    void aRefusedTokenIsRefusedByTheDelegateEveryTime() {
        var decoder = cached(properties(100, Duration.ofMinutes(5)));
        String forged = token("mallory", FOREIGN_KEY, Duration.ofMinutes(5));

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> decoder.decode(forged)).isInstanceOf(JwtException.class);
        }
        assertThat(delegateCalls).hasValue(3);
    }

    @Test
    void aTokenIsAnsweredFromMemoryForAtMostMaxAge() {
        var decoder = cached(properties(100, Duration.ofMinutes(5)));
        String token = token("alice", KEY, Duration.ofHours(1));
        decoder.decode(token);

        time.advance(Duration.ofMinutes(5).minusNanos(1));
        decoder.decode(token);
        assertThat(delegateCalls).hasValue(1);

        time.advance(Duration.ofNanos(1));
        assertThat(decoder.decode(token).getSubject()).isEqualTo("alice");
        assertThat(delegateCalls).as("checked again by the delegate after max-age").hasValue(2);
    }

    @Test
    void differentTokensDoNotCollide() {
        var decoder = cached(properties(100, Duration.ofMinutes(5)));
        String alice = token("alice", KEY, Duration.ofMinutes(5));
        String bob = token("bob", KEY, Duration.ofMinutes(5));
        decoder.decode(alice);

        assertThat(decoder.decode(bob).getSubject()).isEqualTo("bob");
        assertThat(decoder.decode(alice).getSubject()).isEqualTo("alice");
        assertThat(decoder.decode(bob).getSubject()).isEqualTo("bob");
        assertThat(delegateCalls).hasValue(2);
        // a known token with an altered signature is another key, refused by the delegate
        String altered = alice.substring(0, alice.length() - 2) + (alice.endsWith("AA") ? "BB" : "AA");
        assertThatThrownBy(() -> decoder.decode(altered)).isInstanceOf(JwtException.class);
        assertThat(delegateCalls).hasValue(3);
    }

    @Test
    void aTokenWithoutExpiryIsNotRemembered() {
        var decoder = cached(properties(100, Duration.ofMinutes(5)));
        String token = token("alice", KEY, null);

        decoder.decode(token);
        decoder.decode(token);

        assertThat(delegateCalls).hasValue(2);
    }

    @Test
    void switchedOffTheDelegateAnswersEveryTime() {
        var registry = new SimpleMeterRegistry();
        for (var off : new TokenCacheProperties[] {new TokenCacheProperties(false, 100, Duration.ofMinutes(5)),
                properties(0, Duration.ofMinutes(5)), properties(100, Duration.ZERO)}) {
            assertThat(CachingJwtDecoder.wrap(delegate, off, time.clock(), SKEW, registry)).isSameAs(delegate);
        }
        assertThat(registry.find("cache.gets").meters()).isEmpty();
    }

    @Test
    void negativeSettingsAreRefusedAtStart() {
        assertThatThrownBy(() -> properties(-1, Duration.ofMinutes(5))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> properties(10, Duration.ofMinutes(-5))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void hitsAndMissesAreMeteredUnderTheCachesName() {
        var registry = new SimpleMeterRegistry();
        var decoder = CachingJwtDecoder.wrap(delegate, properties(100, Duration.ofMinutes(5)), time.clock(), SKEW,
                registry);
        String token = token("alice", KEY, Duration.ofMinutes(5));

        decoder.decode(token);
        decoder.decode(token);
        decoder.decode(token);

        assertThat(registry.get("cache.gets").tag("cache", "healthmed.security.token-cache").tag("result", "hit")
                .functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("cache.gets").tag("cache", "healthmed.security.token-cache").tag("result", "miss")
                .functionCounter().count()).isEqualTo(1);
    }

    private CachingJwtDecoder cached(TokenCacheProperties properties) {
        return new CachingJwtDecoder(delegate, properties, time.clock(), SKEW, time.ticker());
    }

    private static TokenCacheProperties properties(int maxEntries, Duration maxAge) {
        return new TokenCacheProperties(true, maxEntries, maxAge);
    }

    private JwtDecoder counting(JwtDecoder decoder) {
        return token -> {
            delegateCalls.incrementAndGet();
            return decoder.decode(token);
        };
    }

    /** RS256 signature against {@link #KEY}, expiry and not-before with {@link #SKEW} on {@code clock}. */
    static JwtDecoder validatingDecoder(Clock clock) {
        try {
            var decoder = NimbusJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
            var timestamps = new JwtTimestampValidator(SKEW);
            timestamps.setClock(clock);
            decoder.setJwtValidator(timestamps);
            return decoder;
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed token for {@code subject}, valid from now for {@code lifetime} (no {@code exp} when null). */
    String token(String subject, RSAKey key, Duration lifetime) {
        Instant now = time.clock().instant();
        var claims = new JWTClaimsSet.Builder().subject(subject).issuer("https://issuer.example/realms/healthmed")
                .audience("healthmed-api").issueTime(Date.from(now));
        if (lifetime != null) {
            claims.expirationTime(Date.from(now.plus(lifetime)));
        }
        return sign(claims.build(), key);
    }

    static String sign(JWTClaimsSet claims, RSAKey key) {
        try {
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey generateKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("test").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A wall clock and the cache's ticker that move together, or the wall clock alone. */
    static final class FakeTime {
        private Instant wall;
        private long nanos;

        FakeTime(Instant start) {
            this.wall = start;
        }

        void advance(Duration by) {
            wall = wall.plus(by);
            nanos += by.toNanos();
        }

        void shiftClock(Duration by) {
            wall = wall.plus(by);
        }

        Ticker ticker() {
            return () -> nanos;
        }

        Clock clock() {
            return new Clock() {
                @Override
                public ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return wall;
                }
            };
        }
    }
}
