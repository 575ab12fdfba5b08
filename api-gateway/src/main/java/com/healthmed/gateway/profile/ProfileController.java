package com.healthmed.gateway.profile;

import com.healthmed.gateway.problem.Problems;
import com.healthmed.gateway.problem.ProblemTypes;
import com.healthmed.gateway.security.CurrentUser;
import com.healthmed.schema.doctor.DoctorProfileResponse;
import com.healthmed.schema.patient.PatientProfileResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The caller's own profile. Patients and doctors have one in the read model; staff accounts (admin,
 * auditor) only have what their token says.
 */
@RestController
@RequestMapping("/api/v1/me")
@Tag(name = "Profile")
class ProfileController {

    private final Profiles profiles;
    private final ProfileChanges changes;

    ProfileController(Profiles profiles, ProfileChanges changes) {
        this.profiles = profiles;
        this.changes = changes;
    }

    /** What staff accounts see as their profile. */
    record AccountResponse(String id, String username, String email, java.util.List<String> roles) {
    }

    @Operation(summary = "My profile")
    @GetMapping
    Object me(@AuthenticationPrincipal Jwt token) {
        var user = CurrentUser.of(token);
        if (user.is("patient")) {
            return profiles.patient(user.id()).orElseThrow(ProfileController::notYetAvailable);
        }
        if (user.is("doctor")) {
            return profiles.doctor(user.id()).orElseThrow(ProfileController::notYetAvailable);
        }
        return new AccountResponse(user.id(), user.username(), user.email(), user.roles());
    }

    @Operation(summary = "Change my profile (patients and doctors); only the fields sent are changed")
    @PatchMapping(consumes = {"application/json", "application/merge-patch+json"})
    Object update(@AuthenticationPrincipal Jwt token, @RequestBody tools.jackson.databind.JsonNode body) {
        var user = CurrentUser.of(token);
        if (user.is("patient")) {
            PatientProfileResponse updated = changes.patient(user.id(), body);
            return updated;
        }
        if (user.is("doctor")) {
            DoctorProfileResponse updated = changes.doctor(user.id(), body);
            return updated;
        }
        throw Problems.error(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Only patients and doctors have an editable profile.");
    }

    private static ErrorResponseException notYetAvailable() {
        return Problems.notFound("Your profile is not available yet; try again in a moment.");
    }
}
