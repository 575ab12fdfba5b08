package com.healthmed.gateway.patient;

import com.healthmed.gateway.limits.RateLimits;
import com.healthmed.gateway.identity.AccountRole;
import com.healthmed.gateway.identity.NewAccount;
import com.healthmed.gateway.web.Registrations;
import com.healthmed.schema.patient.PatientProfileResponse;
import com.healthmed.schema.patient.RegisterPatientCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/patients")
@Tag(name = "Patients")
class PatientRegistrationController {

    private final Registrations registrations;
    private final RateLimits limits;

    PatientRegistrationController(Registrations registrations, RateLimits limits) {
        this.registrations = registrations;
        this.limits = limits;
    }

    @Operation(summary = "Register as a patient (log in afterwards with e-mail or CPF)")
    @SecurityRequirements
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PatientProfileResponse register(@Valid @RequestBody PatientRegistrationRequest request) {
        String cpf = request.cpfDigits();
        var account = new NewAccount(cpf, request.email(), request.password(), request.name(), AccountRole.PATIENT);
        limits.checkEach(RateLimits.Limit.REGISTRATION_PER_ACCOUNT, account.username(), account.email());
        var location = request.location() == null ? null : request.location().toGeoPoint();
        String id = registrations.register(account, patientId -> new RegisterPatientCommand(patientId,
                request.name().strip(), cpf, request.email(), request.normalisedPhone(), request.birthDate(),
                request.city().strip(), request.state(), location));
        return new PatientProfileResponse(id, request.name().strip(), cpf, request.email(),
                request.normalisedPhone(), request.birthDate(), request.city().strip(), request.state(), location, 0, false);
    }
}
