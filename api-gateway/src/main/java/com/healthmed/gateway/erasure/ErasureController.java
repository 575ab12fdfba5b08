package com.healthmed.gateway.erasure;

import com.healthmed.gateway.identity.RecentLogins;
import com.healthmed.gateway.problem.ProblemTypes;
import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.security.CurrentUser;
import com.healthmed.schema.patient.ErasureOutcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * LGPD erasure (crypto-shredding) of a patient, by the patient (freshly logged in) or by an admin; see
 * {@link PatientErasures} for the steps and docs/reliability.md "LGPD erasure" for what stays.
 */
@RestController
@Tag(name = "Privacy")
class ErasureController {

    private final PatientErasures erasures;
    private final RecentLogins recentLogins;
    private final Duration maxAge;
    private final Clock clock;

    ErasureController(PatientErasures erasures, RecentLogins recentLogins,
                      @Value("${healthmed.erasure.reauthentication-max-age:PT5M}") Duration maxAge,
                      @Qualifier("tokenValidationClock") ObjectProvider<Clock> clock) {
        this.erasures = erasures;
        this.recentLogins = recentLogins;
        this.maxAge = maxAge;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    record ErasureResponse(String patientId, ErasureOutcome outcome) {
    }

    @Operation(summary = "Erase my account and personal data (LGPD); needs a login of the last few minutes "
            + "(the token's login session), else 401 reauthentication-required. Erasing twice answers ALREADY_ERASED")
    @PostMapping("/api/v1/me/erasure")
    @PreAuthorize("hasRole('patient')")
    ErasureResponse eraseMe(@AuthenticationPrincipal Jwt token) {
        requireRecentLogin(token);
        String patientId = CurrentUser.of(token).id();
        return new ErasureResponse(patientId, erasures.erase(patientId, "PATIENT"));
    }

    @Operation(summary = "Erase a patient's account and personal data (LGPD, admin); 404 for no such patient")
    @PostMapping("/api/v1/admin/patients/{patientId}/erasure")
    ErasureResponse erasePatient(@PathVariable String patientId) {
        return new ErasureResponse(patientId, erasures.erase(patientId, "ADMIN"));
    }

    /**
     * When the user last entered their password: OpenID Connect's {@code auth_time} if the token has it, else the
     * password login of the token's session ({@code sid}) noted by {@link RecentLogins}. Refreshed tokens keep both,
     * so a refresh is no re-login.
     */
    private void requireRecentLogin(Jwt token) {
        Instant authenticated = token.getClaimAsInstant("auth_time");
        String session = token.getClaimAsString("sid");
        if (authenticated == null) {
            authenticated = recentLogins.loginOf(session).orElse(null);
        }
        if (authenticated == null || authenticated.plus(maxAge).isBefore(clock.instant())) {
            ErrorResponseException problem = Problems.error(HttpStatus.UNAUTHORIZED, ProblemTypes.REAUTHENTICATION_REQUIRED,
                    "Erasure needs a login within the last " + maxAge.toMinutes() + " minutes: log in again "
                            + "(POST /api/v1/auth/token) and repeat with the new token.",
                    Map.of("maxAgeSeconds", maxAge.toSeconds()));
            // RFC 9470 (step-up authentication): the standard challenge for "authenticated too long ago"
            problem.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    "Bearer error=\"insufficient_user_authentication\", max_age=" + maxAge.toSeconds());
            throw problem;
        }
    }
}
