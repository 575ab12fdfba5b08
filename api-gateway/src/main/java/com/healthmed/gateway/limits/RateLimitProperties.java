package com.healthmed.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How often each kind of caller may do the expensive or abusable things ({@code healthmed.limits.<name>.requests}
 * and {@code .per}); each is a token bucket of {@code requests} refilled evenly over {@code per}. The defaults stop
 * floods without getting in the way of real use, the test suite or the benchmarks; raise or lower them per
 * deployment. A part left out keeps its default.
 *
 * @param loginPerAddress        logins and refreshes from one client address (many people may share one address
 *                               behind a carrier's NAT)
 * @param loginPerAccount        logins of one account (Keycloak also locks it after 5 failures)
 * @param registrationPerAddress registrations (patients and doctors together) from one client address
 * @param registrationPerAccount registration attempts naming one CPF, CRM or e-mail address
 * @param bookingPerPatient      booking requests of one patient
 * @param recordReadsPerDoctor   reads of shared health records (lists and contents) by one doctor
 */
@ConfigurationProperties("healthmed.limits")
public record RateLimitProperties(Rate loginPerAddress, Rate loginPerAccount, Rate registrationPerAddress,
                                  Rate registrationPerAccount, Rate bookingPerPatient, Rate recordReadsPerDoctor) {

    public record Rate(Integer requests, Duration per) {
    }

    public RateLimitProperties {
        loginPerAddress = orDefault(loginPerAddress, 300, Duration.ofMinutes(1));
        loginPerAccount = orDefault(loginPerAccount, 30, Duration.ofMinutes(1));
        registrationPerAddress = orDefault(registrationPerAddress, 300, Duration.ofMinutes(1));
        registrationPerAccount = orDefault(registrationPerAccount, 10, Duration.ofHours(1));
        bookingPerPatient = orDefault(bookingPerPatient, 60, Duration.ofMinutes(1));
        recordReadsPerDoctor = orDefault(recordReadsPerDoctor, 120, Duration.ofMinutes(1));
    }

    /** Every limit at its default. */
    public static RateLimitProperties defaults() {
        return new RateLimitProperties(null, null, null, null, null, null);
    }

    private static Rate orDefault(Rate given, int requests, Duration per) {
        return given == null ? new Rate(requests, per) : new Rate(given.requests() == null ? requests : given.requests(),
                given.per() == null ? per : given.per());
    }
}
