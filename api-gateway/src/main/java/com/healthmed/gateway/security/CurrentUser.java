package com.healthmed.gateway.security;

import org.springframework.security.oauth2.jwt.Jwt;

import java.util.List;
import java.util.Map;

/** Who is calling, read from the validated access token. */
public record CurrentUser(String id, String username, String email, List<String> roles) {

    public static CurrentUser of(Jwt jwt) {
        Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
        Object roles = realmAccess == null ? List.of() : realmAccess.getOrDefault("roles", List.of());
        List<String> names = roles instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        return new CurrentUser(jwt.getSubject(), jwt.getClaimAsString("preferred_username"),
                jwt.getClaimAsString("email"), names);
    }

    public boolean is(String role) {
        return roles.contains(role);
    }
}
