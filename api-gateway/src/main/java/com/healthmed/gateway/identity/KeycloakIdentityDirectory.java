package com.healthmed.gateway.identity;

import tools.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

import java.util.List;
import java.util.Map;

/**
 * Keycloak behind {@link IdentityDirectory}: users through the admin REST API with the gateway's service
 * account (client-credentials token, cached and renewed by Spring Security), logins through the token endpoint
 * of the public app client.
 */
@Component
class KeycloakIdentityDirectory implements IdentityDirectory {

    private static final Logger log = LoggerFactory.getLogger(KeycloakIdentityDirectory.class);
    private static final String REGISTRATION_ID = "keycloak-service-account";

    private final IdentityProperties properties;
    private final RestClient admin;
    private final RestClient tokens;

    KeycloakIdentityDirectory(IdentityProperties properties, RestClient.Builder builder) {
        this.properties = properties;
        this.tokens = builder.clone().build();
        this.admin = builder.clone().requestInterceptor(serviceAccountTokens(properties)).build();
    }

    private static OAuth2ClientHttpRequestInterceptor serviceAccountTokens(IdentityProperties properties) {
        var registration = ClientRegistration.withRegistrationId(REGISTRATION_ID)
                .clientId(properties.gatewayClientId())
                .clientSecret(properties.gatewayClientSecret())
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .tokenUri(properties.tokenEndpoint())
                .build();
        var registrations = new InMemoryClientRegistrationRepository(registration);
        var manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(registrations,
                new InMemoryOAuth2AuthorizedClientService(registrations));
        var interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
        interceptor.setClientRegistrationIdResolver(request -> REGISTRATION_ID);
        // one service-account token for the whole gateway, whoever the caller of the request is
        var gateway = new AnonymousAuthenticationToken(REGISTRATION_ID, properties.gatewayClientId(),
                AuthorityUtils.createAuthorityList("ROLE_SERVICE"));
        interceptor.setPrincipalResolver(request -> gateway);
        return interceptor;
    }

    @Override
    public String createAccount(NewAccount account) {
        var representation = Map.of(
                "username", account.username(),
                "email", account.email(),
                "firstName", account.displayName(),
                "enabled", true,
                "emailVerified", false,
                "groups", List.of(account.role().group()),
                "credentials", List.of(Map.of("type", "password", "value", account.password(), "temporary", false)));
        try {
            var created = admin.post().uri(properties.usersEndpoint())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(representation)
                    .retrieve()
                    .toBodilessEntity();
            var location = created.getHeaders().getLocation();
            if (location == null) {
                throw new IdentityProviderException("Keycloak created a user but sent no Location", null);
            }
            String path = location.getPath();
            return path.substring(path.lastIndexOf('/') + 1);
        } catch (HttpClientErrorException e) {
            throw translateCreationError(e, account.role());
        } catch (RestClientException e) {
            throw new IdentityProviderException("Keycloak is unavailable: " + e.getMessage(), e);
        }
    }

    private RuntimeException translateCreationError(HttpClientErrorException e, AccountRole role) {
        String message = errorMessage(e);
        if (e.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
            var taken = message.toLowerCase().contains("email")
                    ? AccountConflictException.Taken.EMAIL : AccountConflictException.Taken.USERNAME;
            return new AccountConflictException(taken, role, message);
        }
        if (e.getStatusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)) {
            return new AccountRejectedException(refusedField(message, role), message);
        }
        return new IdentityProviderException("Keycloak refused the new user: " + e.getStatusCode() + " " + message, e);
    }

    /**
     * Which request field a refusal is about, from Keycloak's message key, e.g.
     * {@code error-person-name-invalid-character} (the name), {@code invalidPasswordMinLengthMessage}.
     */
    static String refusedField(String message, AccountRole role) {
        String key = message.toLowerCase(java.util.Locale.ROOT);
        if (key.contains("password")) {
            return "password";
        }
        if (key.contains("email")) {
            return "email";
        }
        if (key.contains("username")) {
            return role == AccountRole.DOCTOR ? "crm" : "cpf";
        }
        if (key.contains("name")) {
            return "name";
        }
        return "account";
    }

    private static String errorMessage(HttpClientErrorException e) {
        try {
            JsonNode body = e.getResponseBodyAs(JsonNode.class);
            if (body != null) {
                for (String field : List.of("errorMessage", "error_description", "error")) {
                    if (body.hasNonNull(field)) {
                        return body.get(field).asString();
                    }
                }
            }
        } catch (RuntimeException ignored) {
            // not JSON: fall back to the raw text below
        }
        return e.getResponseBodyAsString();
    }

    @Override
    public void deleteAccount(String accountId) {
        try {
            admin.delete().uri(properties.usersEndpoint() + "/{id}", accountId).retrieve().toBodilessEntity();
        } catch (HttpClientErrorException.NotFound gone) {
            log.debug("account {} was already gone", accountId);
        } catch (RestClientException e) {
            throw new IdentityProviderException("Could not delete account " + accountId, e);
        }
    }

    @Override
    public java.util.Optional<String> findAccountId(String username) {
        try {
            JsonNode users = admin.get().uri(properties.usersEndpoint() + "?username={username}&exact=true", username)
                    .retrieve().body(JsonNode.class);
            if (users == null || users.isEmpty()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(users.get(0).get("id").asString());
        } catch (RestClientException e) {
            throw new IdentityProviderException("Could not look up account " + username, e);
        }
    }

    @Override
    public IssuedTokens login(String username, String password) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "password");
        form.add("client_id", properties.appClientId());
        form.add("username", username);
        form.add("password", password);
        form.add("scope", "openid");
        return requestTokens(form);
    }

    @Override
    public IssuedTokens refresh(String refreshToken) {
        var form = new LinkedMultiValueMap<String, String>();
        form.add("grant_type", "refresh_token");
        form.add("client_id", properties.appClientId());
        form.add("refresh_token", refreshToken);
        return requestTokens(form);
    }

    private IssuedTokens requestTokens(LinkedMultiValueMap<String, String> form) {
        try {
            return tokens.post().uri(properties.tokenEndpoint())
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form)
                    .retrieve()
                    .body(IssuedTokens.class);
        } catch (HttpClientErrorException e) {
            HttpStatusCode status = e.getStatusCode();
            if (status.isSameCodeAs(HttpStatus.UNAUTHORIZED) || status.isSameCodeAs(HttpStatus.BAD_REQUEST)) {
                // invalid_grant: wrong password, unknown user, locked by brute-force protection, expired refresh
                throw new InvalidCredentialsException(errorMessage(e));
            }
            throw new IdentityProviderException("Keycloak token endpoint answered " + status, e);
        } catch (RestClientException e) {
            throw new IdentityProviderException("Keycloak is unavailable: " + e.getMessage(), e);
        }
    }
}
