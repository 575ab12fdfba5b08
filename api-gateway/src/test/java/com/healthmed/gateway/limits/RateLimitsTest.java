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
        var rate = new RateLimitProperties.Rate(requests, per);
        return new RateLimits(new RateLimitProperties(null, null, null, null, rate, rate));
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
        assertThatThrownBy(() -> limits.check(Limit.RECORD_READS_PER_DOCTOR, "p1")).isInstanceOf(ErrorResponseException.class);
        assertThatThrownBy(() -> limits.check(Limit.BOOKING_PER_PATIENT, "p1")).isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void aRegistrationCountsAgainstEveryAccountNameItGives() {
        var limits = new RateLimits(new RateLimitProperties(null, null, null,
                new RateLimitProperties.Rate(1, Duration.ofHours(1)), null, null));
        limits.checkEach(Limit.REGISTRATION_PER_ACCOUNT, "12345678909", "Maria@Example.com");
        assertThatThrownBy(() -> limits.checkEach(Limit.REGISTRATION_PER_ACCOUNT, "98765432100", "maria@example.com"))
                .as("the same e-mail in other letters").isInstanceOf(ErrorResponseException.class);
    }

    @Test
    void aLimitWithoutRequestsOrPeriodIsRefusedAtStart() {
        var none = new RateLimitProperties(null, new RateLimitProperties.Rate(0, null), null, null, null, null);
        assertThatThrownBy(() -> new RateLimits(none)).hasMessageContaining("healthmed.limits.login-per-account");
    }

    @Test
    void aPartLeftOutKeepsItsDefault() {
        var properties = new RateLimitProperties(new RateLimitProperties.Rate(5, null), null, null, null,
                new RateLimitProperties.Rate(null, Duration.ofSeconds(10)), null);
        assertThat(properties.loginPerAddress()).isEqualTo(new RateLimitProperties.Rate(5, Duration.ofMinutes(1)));
        assertThat(properties.bookingPerPatient()).isEqualTo(new RateLimitProperties.Rate(60, Duration.ofSeconds(10)));
        assertThat(RateLimitProperties.defaults().registrationPerAccount())
                .isEqualTo(new RateLimitProperties.Rate(10, Duration.ofHours(1)));
    }
}
