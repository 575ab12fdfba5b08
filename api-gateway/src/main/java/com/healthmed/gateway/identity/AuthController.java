package com.healthmed.gateway.identity;

import com.healthmed.gateway.limits.RateLimits;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
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
    private final RateLimits limits;
    private final RecentLogins recentLogins;

    AuthController(IdentityDirectory identity, RateLimits limits, RecentLogins recentLogins) {
        this.identity = identity;
        this.limits = limits;
        this.recentLogins = recentLogins;
    }

    /** Bounded here, so an absurd login never reaches Keycloak (which answers a huge form with an error). */
    record LoginRequest(@NotBlank @Size(max = 256) String username, @NotBlank @Size(max = 256) String password) {
        @Override
        public String toString() {
            return "LoginRequest[username=" + username + "]";
        }
    }

    record RefreshRequest(@NotBlank @Size(max = 8192) String refreshToken) {
    }

    @Operation(summary = "Log in with CRM (doctor), e-mail or CPF (patient) and password")
    @PostMapping("/token")
    IssuedTokens token(@Valid @RequestBody LoginRequest request) {
        String username = LoginNames.normalise(request.username());
        limits.check(RateLimits.Limit.LOGIN_PER_ACCOUNT, username.toLowerCase(java.util.Locale.ROOT));
        IssuedTokens tokens = identity.login(username, request.password());
        recentLogins.loggedIn(tokens.accessToken());
        return tokens;
    }

    @Operation(summary = "Exchange a refresh token for new tokens")
    @PostMapping("/refresh")
    IssuedTokens refresh(@Valid @RequestBody RefreshRequest request) {
        return identity.refresh(request.refreshToken());
    }
}
