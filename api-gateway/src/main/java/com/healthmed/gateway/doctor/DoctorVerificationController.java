package com.healthmed.gateway.doctor;

import com.healthmed.gateway.security.CurrentUser;
import com.healthmed.schema.doctor.DoctorStatus;
import com.healthmed.schema.doctor.VerifyDoctorCommand;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/admin/doctors")
@Tag(name = "Administration")
class DoctorVerificationController {

    private final CommandGateway commands;

    DoctorVerificationController(CommandGateway commands) {
        this.commands = commands;
    }

    record VerificationResponse(String doctorId, DoctorStatus status, String verifiedBy) {
    }

    @Operation(summary = "Verify a doctor's CRM: from now on the doctor can be found and booked (admin)")
    @PostMapping("/{doctorId}/verification")
    VerificationResponse verify(@PathVariable String doctorId, @AuthenticationPrincipal Jwt token) {
        String admin = CurrentUser.of(token).id();
        commands.sendAndWait(new VerifyDoctorCommand(doctorId, admin));
        return new VerificationResponse(doctorId, DoctorStatus.VERIFIED, admin);
    }
}
