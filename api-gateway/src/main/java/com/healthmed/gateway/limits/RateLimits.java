package com.healthmed.gateway.limits;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.healthmed.gateway.problem.ProblemTypes;
import io.github.bucket4j.Bucket;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One token bucket per limit and key (client address, account, patient, doctor), kept in memory on this node.
 * A bucket unused for longer than its refill period is full again, so it is dropped then and made anew on demand.
 */
@Component
public class RateLimits {

    public enum Limit {
        LOGIN_PER_ADDRESS(RateLimitProperties::loginPerAddress),
        LOGIN_PER_ACCOUNT(RateLimitProperties::loginPerAccount),
        REGISTRATION_PER_ADDRESS(RateLimitProperties::registrationPerAddress),
        REGISTRATION_PER_ACCOUNT(RateLimitProperties::registrationPerAccount),
        BOOKING_PER_PATIENT(RateLimitProperties::bookingPerPatient),
        RECORD_READS_PER_DOCTOR(RateLimitProperties::recordReadsPerDoctor);

        private final Function<RateLimitProperties, RateLimitProperties.Rate> rate;

        Limit(Function<RateLimitProperties, RateLimitProperties.Rate> rate) {
            this.rate = rate;
        }

        public RateLimitProperties.Rate of(RateLimitProperties properties) {
            return rate.apply(properties);
        }
    }

    private final Map<Limit, Cache<String, Bucket>> buckets = new EnumMap<>(Limit.class);
    private final RateLimitProperties properties;

    RateLimits(RateLimitProperties properties) {
        this.properties = properties;
        for (Limit limit : Limit.values()) {
            var rate = limit.of(properties);
            if (rate.requests() < 1 || rate.per() == null || rate.per().isNegative() || rate.per().isZero()) {
                throw new IllegalStateException("healthmed.limits." + name(limit)
                        + " needs requests >= 1 and a positive period 'per'");
            }
            // bounded, so a flood of distinct keys cannot exhaust memory
            buckets.put(limit, Caffeine.newBuilder().expireAfterAccess(rate.per()).maximumSize(200_000).build());
        }
    }

    /** Takes one request from the key's bucket, or refuses with 429 and {@code Retry-After}. */
    public void check(Limit limit, String key) {
        var rate = limit.of(properties);
        Bucket bucket = buckets.get(limit).get(key, k -> Bucket.builder()
                .addLimit(l -> l.capacity(rate.requests()).refillGreedy(rate.requests(), rate.per()))
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
            var problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, "At most "
                    + rate.requests() + " such requests per " + rate.per() + " are accepted ("
                    + name(limit) + "); try again in " + seconds + " s.");
            problem.setType(ProblemTypes.RATE_LIMITED);
            problem.setTitle("Too many requests");
            problem.setProperty("limit", name(limit));
            problem.setProperty("retryAfterSeconds", seconds);
            var refused = new ErrorResponseException(HttpStatus.TOO_MANY_REQUESTS, problem, null);
            refused.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
            throw refused;
        }
    }

    /** One request against each of several keys (a registration names a CPF or CRM and an e-mail address). */
    public void checkEach(Limit limit, String... keys) {
        for (String key : keys) {
            check(limit, key.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The property name of a limit, e.g. {@code login-per-address}. */
    public static String name(Limit limit) {
        return limit.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
