package com.healthmed.gateway.security;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A benchmark, not a test (its name keeps it out of the default test run; it times and prints, it asserts no time):
 * decoding a Keycloak-shaped RS256 access token with the gateway's checks (signature, expiry with skew, issuer,
 * audience) through the plain Nimbus decoder and through {@link CachingJwtDecoder}, and the heap one cached token
 * takes. Run it with
 * <pre>
 * ./mvnw -B -o -q -pl api-gateway -am test -Dtest=TokenCacheBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 * Results are printed and written to {@code api-gateway/target/benchmarks/token-cache.md}.
 */
class TokenCacheBenchmark {

    private static final int DECODES = Integer.getInteger("bench.decodes", 20_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final int USERS = Integer.getInteger("bench.users", 2_000);
    private static final String ISSUER = "http://127.0.0.1:8180/realms/healthmed";
    private static final RSAKey KEY = CachingJwtDecoderTest.generateKey();

    @Test
    void plainAndCachedDecodingOfAnAccessToken() throws IOException {
        Clock clock = Clock.systemUTC();
        JwtDecoder plain = gatewayDecoder(clock);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < USERS; i++) {
            tokens.add(keycloakShapedToken(clock.instant()));
        }
        var properties = new TokenCacheProperties(true, 50_000, Duration.ofMinutes(5));
        JwtDecoder cached = CachingJwtDecoder.wrap(plain, properties, clock, Duration.ofSeconds(30), null);

        var report = new StringBuilder("| decoder | tokens | µs per decode (best of " + ROUNDS + " rounds of "
                + DECODES + ") | median round |\n|---|---|---|---|\n");
        report.append(row("plain Nimbus + validators", "1", time(plain, tokens.subList(0, 1))));
        report.append(row("plain Nimbus + validators", Integer.toString(USERS), time(plain, tokens)));
        report.append(row("cached", "1", time(cached, tokens.subList(0, 1))));
        report.append(row("cached", USERS + " (round robin)", time(cached, tokens)));

        report.append("\nheap per cached token (").append(USERS).append(" distinct tokens of ")
                .append(tokens.getFirst().length()).append(" characters): ~")
                .append(bytesPerEntry(plain, properties, clock, tokens)).append(" bytes\n");
        System.out.println(report);
        Path out = Path.of("target", "benchmarks", "token-cache.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
    }

    /** µs per decode of each round, {@link #DECODES} decodes over {@code tokens} round robin, after a warm-up. */
    private static double[] time(JwtDecoder decoder, List<String> tokens) {
        long sink = 0;
        for (int i = 0; i < DECODES; i++) {
            sink += decoder.decode(tokens.get(i % tokens.size())).getClaims().size();
        }
        double[] rounds = new double[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            long start = System.nanoTime();
            for (int i = 0; i < DECODES; i++) {
                sink += decoder.decode(tokens.get(i % tokens.size())).getClaims().size();
            }
            rounds[r] = (System.nanoTime() - start) / 1_000.0 / DECODES;
        }
        if (sink == 42) {
            System.out.println(); // keeps the decodes from being optimised away
        }
        java.util.Arrays.sort(rounds);
        return rounds;
    }

    private static String row(String decoder, String tokens, double[] rounds) {
        return String.format("| %s | %s | %.2f | %.2f |%n", decoder, tokens, rounds[0], rounds[rounds.length / 2]);
    }

    /** Heap growth from filling a fresh cache with every token, per token (rough: after a GC either side). */
    private static long bytesPerEntry(JwtDecoder plain, TokenCacheProperties properties, Clock clock,
                                      List<String> tokens) {
        var memory = ManagementFactory.getMemoryMXBean();
        System.gc();
        long before = memory.getHeapMemoryUsage().getUsed();
        JwtDecoder cached = CachingJwtDecoder.wrap(plain, properties, clock, Duration.ofSeconds(30), null);
        for (String token : tokens) {
            cached.decode(token);
        }
        System.gc();
        long after = memory.getHeapMemoryUsage().getUsed();
        if (cached.decode(tokens.getFirst()) == null) {
            throw new IllegalStateException(); // keeps the cache reachable until measured
        }
        return (after - before) / tokens.size();
    }

    private static JwtDecoder gatewayDecoder(Clock clock) {
        try {
            var decoder = NimbusJwtDecoder.withPublicKey(KEY.toRSAPublicKey()).build();
            var timestamps = new JwtTimestampValidator(Duration.ofSeconds(30));
            timestamps.setClock(clock);
            decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(ISSUER),
                    new JwtClaimValidator<List<String>>("aud", aud -> aud != null && aud.contains("healthmed-api"))));
            return decoder;
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims a Keycloak 26 password-grant access token of the realm carries (about 1.3 KB signed). */
    private static String keycloakShapedToken(Instant now) {
        String user = UUID.randomUUID().toString();
        var claims = new JWTClaimsSet.Builder()
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5)))).issueTime(Date.from(now))
                .jwtID("onrtro:" + UUID.randomUUID()).issuer(ISSUER).audience(List.of("healthmed-api", "account"))
                .subject(user).claim("typ", "Bearer").claim("azp", "healthmed-app")
                .claim("sid", UUID.randomUUID().toString()).claim("acr", "1")
                .claim("allowed-origins", List.of("http://127.0.0.1:8080"))
                .claim("realm_access", Map.of("roles", List.of("default-roles-healthmed", "offline_access",
                        "uma_authorization", "patient")))
                .claim("resource_access", Map.of("account", Map.of("roles",
                        List.of("manage-account", "manage-account-links", "view-profile"))))
                .claim("scope", "profile email").claim("email_verified", false).claim("name", "Maria da Silva")
                .claim("preferred_username", "52998224725").claim("given_name", "Maria")
                .claim("family_name", "da Silva").claim("email", "maria." + user.substring(0, 8) + "@example.com")
                .build();
        return CachingJwtDecoderTest.sign(claims, KEY);
    }
}
