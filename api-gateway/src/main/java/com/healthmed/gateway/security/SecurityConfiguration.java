package com.healthmed.gateway.security;

import tools.jackson.databind.json.JsonMapper;
import com.healthmed.gateway.identity.IdentityProperties;
import com.healthmed.gateway.problem.ProblemTypes;
import jakarta.servlet.http.HttpServletResponse;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.context.support.WebApplicationContextUtils;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;

import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The gateway is an OAuth2 resource server: every request but registration, login and the docs needs a
 * Keycloak access token with the right issuer, signature, expiry and audience. Roles come from the realm
 * roles ({@code realm_access.roles}) and become {@code ROLE_patient}, {@code ROLE_doctor}, ...
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
@EnableConfigurationProperties(TokenCacheProperties.class)
class SecurityConfiguration {

    /** Token expiry is checked against real time unless a bean of this name says otherwise (tests). */
    static final String TOKEN_VALIDATION_CLOCK = "tokenValidationClock";

    /**
     * The management server (its own port: loopback in standalone mode, the container's management port in
     * distributed mode) serves health probes and metrics to the platform's operators without tokens. It is told
     * apart by the web server that received the request, not by path, so {@code /actuator/...} on the public port
     * never gets this chain.
     */
    @Bean
    @Order(1)
    SecurityFilterChain management(HttpSecurity http) throws Exception {
        RequestMatcher managementServer = request -> WebServerApplicationContext.hasServerNamespace(
                WebApplicationContextUtils.getWebApplicationContext(request.getServletContext()), "management");
        http.securityMatcher(managementServer)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a.anyRequest().permitAll());
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, JsonMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = problemEntryPoint(json);
        AccessDeniedHandler forbidden = (request, response, denied) ->
                write(json, response, HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden",
                        "Your role does not allow this request.");
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(HttpMethod.POST, "/api/v1/patients", "/api/v1/doctors",
                                "/api/v1/auth/token", "/api/v1/auth/refresh").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/specialties", "/api/v1/schemas/*").permitAll()
                        .requestMatchers("/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html",
                                "/actuator/health/**", "/actuator/info", "/error").permitAll()
                        // metrics and the rest of actuator only on the management port (above)
                        .requestMatchers("/actuator/**").denyAll()
                        .requestMatchers("/api/v1/admin/**").hasRole("admin")
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.jwtAuthenticationConverter(realmRoles()))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden));
        return http.build();
    }

    /** Keycloak's signature, expiry (with skew), issuer and audience checks, behind a cache of accepted tokens. */
    @Bean
    JwtDecoder jwtDecoder(IdentityProperties identity, TokenCacheProperties tokenCache,
                          @Qualifier(TOKEN_VALIDATION_CLOCK) ObjectProvider<Clock> clock,
                          ObjectProvider<MeterRegistry> meters) {
        Clock validationClock = clock.getIfAvailable(Clock::systemUTC);
        var decoder = NimbusJwtDecoder.withJwkSetUri(identity.jwkSetUri()).build();
        var timestamps = new JwtTimestampValidator(identity.clockSkew());
        timestamps.setClock(validationClock);
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>("aud",
                aud -> aud != null && aud.contains(identity.audience()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                timestamps, new JwtIssuerValidator(identity.issuer()), audience));
        return CachingJwtDecoder.wrap(decoder, tokenCache, validationClock, identity.clockSkew(),
                meters.getIfAvailable());
    }

    private static JwtAuthenticationConverter realmRoles() {
        var converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(jwt -> {
            Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
            Object roles = realmAccess == null ? null : realmAccess.get("roles");
            if (!(roles instanceof Collection<?> names)) {
                return List.<GrantedAuthority>of();
            }
            return names.stream().map(name -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + name)).toList();
        });
        return converter;
    }

    /** 401 with the standard {@code WWW-Authenticate: Bearer ...} header and a problem body. */
    private static AuthenticationEntryPoint problemEntryPoint(JsonMapper json) {
        var bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, failure) -> {
            bearer.commence(request, response, failure);
            boolean tokenGiven = request.getHeader("Authorization") != null;
            write(json, response, HttpStatus.UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized",
                    tokenGiven ? "The access token is invalid or expired." : "An access token is required.");
        };
    }

    private static void write(JsonMapper json, HttpServletResponse response, HttpStatus status,
                              java.net.URI type, String title, String detail) throws IOException {
        var problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setTitle(title);
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
