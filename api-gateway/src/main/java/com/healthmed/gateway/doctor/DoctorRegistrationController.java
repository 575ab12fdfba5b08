package com.healthmed.gateway.doctor;

import com.healthmed.gateway.limits.RateLimits;
import com.healthmed.gateway.identity.AccountRole;
import com.healthmed.gateway.identity.LoginNames;
import com.healthmed.gateway.identity.NewAccount;
import com.healthmed.gateway.web.Registrations;
import com.healthmed.schema.doctor.DoctorProfileResponse;
import com.healthmed.schema.doctor.DoctorStatus;
import com.healthmed.schema.doctor.RegisterDoctorCommand;
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

import java.util.List;

@RestController
@RequestMapping("/api/v1/doctors")
@Tag(name = "Doctors")
class DoctorRegistrationController {

    private final Registrations registrations;
    private final RateLimits limits;

    DoctorRegistrationController(Registrations registrations, RateLimits limits) {
        this.registrations = registrations;
        this.limits = limits;
    }

    @Operation(summary = "Register as a doctor (log in afterwards with the CRM, e.g. 123456-SP); "
            + "an administrator verifies the CRM before patients can find you")
    @SecurityRequirements
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    DoctorProfileResponse register(@Valid @RequestBody DoctorRegistrationRequest request) {
        String crm = LoginNames.crm(request.crm().number(), request.crm().uf().name());
        var account = new NewAccount(crm, request.email(), request.password(), request.name(), AccountRole.DOCTOR);
        limits.checkEach(RateLimits.Limit.REGISTRATION_PER_ACCOUNT, account.username(), account.email());
        var specialties = List.copyOf(new java.util.LinkedHashSet<>(request.specialties()));
        var price = request.consultationPrice().toMoney();
        var address = request.address().toAddress();
        var location = request.location().toGeoPoint();
        String zone = request.timeZoneOrDefault();
        String id = registrations.register(account, doctorId -> new RegisterDoctorCommand(doctorId,
                request.name().strip(), crm, request.email(), specialties, price, address, location, zone));
        return new DoctorProfileResponse(id, request.name().strip(), crm, request.email(), specialties, price,
                address, location, zone, DoctorStatus.PENDING_VERIFICATION, 0);
    }
}
