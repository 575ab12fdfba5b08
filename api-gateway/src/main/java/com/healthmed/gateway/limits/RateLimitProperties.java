package com.healthmed.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * How often each kind of caller may do the expensive or abusable things ({@code healthmed.limits.*}); each is a
 * token bucket of {@code requests} refilled evenly over {@code per}. The defaults stop floods without getting in
 * the way of real use, the test suite or the benchmarks; raise or lower them per deployment.
 */
@ConfigurationProperties("healthmed.limits")
public class RateLimitProperties {

    /** Logins and refreshes from one client address (many people may share one address behind a carrier's NAT). */
    private Rate loginPerAddress = new Rate(300, Duration.ofMinutes(1));
    /** Logins of one account (Keycloak's brute-force protection also locks it after 5 failures). */
    private Rate loginPerAccount = new Rate(30, Duration.ofMinutes(1));
    /** Registrations from one client address. */
    private Rate registrationPerAddress = new Rate(300, Duration.ofMinutes(1));
    /** Registration attempts naming one CPF, CRM or e-mail address. */
    private Rate registrationPerAccount = new Rate(10, Duration.ofHours(1));
    /** Booking requests of one patient. */
    private Rate bookingPerPatient = new Rate(60, Duration.ofMinutes(1));
    /** Reads of shared health records (lists and contents) by one doctor. */
    private Rate recordReadsPerDoctor = new Rate(120, Duration.ofMinutes(1));

    public static class Rate {
        private int requests;
        private Duration per;

        public Rate() {
        }

        Rate(int requests, Duration per) {
            this.requests = requests;
            this.per = per;
        }

        public int getRequests() {
            return requests;
        }

        public void setRequests(int requests) {
            this.requests = requests;
        }

        public Duration getPer() {
            return per;
        }

        public void setPer(Duration per) {
            this.per = per;
        }
    }

    public Rate getLoginPerAddress() {
        return loginPerAddress;
    }

    public void setLoginPerAddress(Rate rate) {
        this.loginPerAddress = rate;
    }

    public Rate getLoginPerAccount() {
        return loginPerAccount;
    }

    public void setLoginPerAccount(Rate rate) {
        this.loginPerAccount = rate;
    }

    public Rate getRegistrationPerAddress() {
        return registrationPerAddress;
    }

    public void setRegistrationPerAddress(Rate rate) {
        this.registrationPerAddress = rate;
    }

    public Rate getRegistrationPerAccount() {
        return registrationPerAccount;
    }

    public void setRegistrationPerAccount(Rate rate) {
        this.registrationPerAccount = rate;
    }

    public Rate getBookingPerPatient() {
        return bookingPerPatient;
    }

    public void setBookingPerPatient(Rate rate) {
        this.bookingPerPatient = rate;
    }

    public Rate getRecordReadsPerDoctor() {
        return recordReadsPerDoctor;
    }

    public void setRecordReadsPerDoctor(Rate rate) {
        this.recordReadsPerDoctor = rate;
    }
}
