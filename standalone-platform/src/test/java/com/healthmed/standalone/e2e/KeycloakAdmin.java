package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Looks into Keycloak directly (as the gateway's service account) to prove what was or was not created. */
final class KeycloakAdmin {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private KeycloakAdmin() {
    }

    static boolean accountExistsWithEmail(String email) {
        return get("/users?exact=true&briefRepresentation=true&email=" + encode(email)).size() > 0;
    }

    static boolean accountExistsWithUsername(String username) {
        return get("/users?exact=true&briefRepresentation=true&username=" + encode(username)).size() > 0;
    }

    static long accounts() {
        return get("/users/count").asLong();
    }

    /** A token of the gateway's service account: valid signature and issuer, but not meant for the API. */
    static String serviceAccountToken() {
        String form = "grant_type=client_credentials&client_id=healthmed-gateway&client_secret=healthmed-gateway-dev-secret";
        var request = HttpRequest.newBuilder(URI.create(TestPlatform.keycloakUrl()
                        + "/realms/healthmed/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return send(request).get("access_token").asText();
    }

    private static JsonNode get(String path) {
        var request = HttpRequest.newBuilder(URI.create(TestPlatform.keycloakUrl() + "/admin/realms/healthmed" + path))
                .header("Authorization", "Bearer " + serviceAccountToken()).GET().build();
        return send(request);
    }

    private static JsonNode send(HttpRequest request) {
        try {
            var response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError("Keycloak answered " + response.statusCode() + ": " + response.body());
            }
            return Api.JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
