package com.healthmed.gateway.limits;

import com.healthmed.gateway.limits.RateLimits.Limit;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RateLimitsTest {

    private static RateLimits limits(int requests, Duration per) {
        var properties = new RateLimitProperties();
        properties.setBookingPerPatient(new RateLimitProperties.Rate(requests, per));
        return new RateLimits(properties);
    }

    @Test
    void theRequestAfterTheBucketIsEmptyIs429WithRetryAfterAndAStableType() {
        var limits = limits(3, Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            limits.check(Limit.BOOKING_PER_PATIENT, "p1");
        }
        var refused = catchThrowableOfType(ErrorResponseException.class,
                () -> limits.check(Limit.BOOKING_PER_PATIENT, "p1"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(refused.getBody().getType().toString()).isEqualTo("https://healthmed.example/problems/too-many-requests");
        assertThat(refused.getBody().getProperties()).containsEntry("limit", "booking-per-patient");
        // one request refills every 20 minutes: the client is told to come back then, not sooner
        long retryAfter = Long.parseLong(refused.getHeaders().getFirst("Retry-After"));
        assertThat(retryAfter).isBetween(1190L, 1201L);
    }

    @Test
    void eachKeyAndEachLimitHasItsOwnBucket() {
        var limits = limits(1, Duration.ofHours(1));
        limits.check(Limit.BOOKING_PER_PATIENT, "p1");
        limits.check(Limit.BOOKING_PER_PATIENT, "p2");
        limits.check(Limit.RECORD_READS_PER_DOCTOR, "p1");
        assertThatThrownBy(() -> limits.check(Limit.BOOKING_PER_PATIENT, "p1")).isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void aRegistrationCountsAgainstEveryAccountNameItGives() {
        var properties = new RateLimitProperties();
        properties.setRegistrationPerAccount(new RateLimitProperties.Rate(1, Duration.ofHours(1)));
        var limits = new RateLimits(properties);
        limits.checkEach(Limit.REGISTRATION_PER_ACCOUNT, "12345678909", "Maria@Example.com");
        assertThatThrownBy(() -> limits.checkEach(Limit.REGISTRATION_PER_ACCOUNT, "98765432100", "maria@example.com"))
                .as("the same e-mail in other letters").isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void aLimitWithoutRequestsOrPeriodIsRefusedAtStart() {
        var properties = new RateLimitProperties();
        properties.setLoginPerAccount(new RateLimitProperties.Rate(0, Duration.ofMinutes(1)));
        assertThatThrownBy(() -> new RateLimits(properties)).hasMessageContaining("healthmed.limits.login-per-account");
    }
}
