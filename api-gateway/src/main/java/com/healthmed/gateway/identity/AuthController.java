package com.healthmed.gateway.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Password login for API clients. Browser apps should use the authorization-code flow with PKCE instead. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "Authentication")
class AuthController {

    private final IdentityDirectory identity;

    AuthController(IdentityDirectory identity) {
        this.identity = identity;
    }

    record LoginRequest(@NotBlank String username, @NotBlank String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + "]";
        }
    }

    record RefreshRequest(@NotBlank String refreshToken) {
    }

    @Operation(summary = "Log in with CRM (doctor), e-mail or CPF (patient) and password")
    @PostMapping("/token")
    IssuedTokens token(@Valid @RequestBody LoginRequest request) {
        return identity.login(LoginNames.normalise(request.username()), request.password());
    }

    @Operation(summary = "Exchange a refresh token for new tokens")
    @PostMapping("/refresh")
    IssuedTokens refresh(@Valid @RequestBody RefreshRequest request) {
        return identity.refresh(request.refreshToken());
    }
}
