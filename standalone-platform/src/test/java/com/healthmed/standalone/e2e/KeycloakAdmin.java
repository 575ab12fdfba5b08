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

    /**
     * A staff account holding exactly one realm role (e.g. an auditor who is not an administrator), created with
     * the master realm's development console admin; returns its username. The password is {@link People#PASSWORD}.
     */
    static String staff(String role) {
        String username = role + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String form = "grant_type=password&client_id=admin-cli&username=admin&password=healthmed-dev-admin";
        String master = send(HttpRequest.newBuilder(URI.create(TestPlatform.keycloakUrl()
                        + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build()).get("access_token").asText();
        String realm = TestPlatform.keycloakUrl() + "/admin/realms/healthmed";
        var user = Api.JSON.createObjectNode().put("username", username).put("enabled", true)
                .put("email", username + "@healthmed.example").put("emailVerified", true)
                .put("firstName", "Staff").put("lastName", role);
        user.putArray("credentials").addObject().put("type", "password").put("value", People.PASSWORD)
                .put("temporary", false);
        try {
            var created = HTTP.send(HttpRequest.newBuilder(URI.create(realm + "/users"))
                    .header("Authorization", "Bearer " + master).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(user.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new AssertionError("Keycloak did not create " + username + ": " + created.body());
            }
            String location = created.headers().firstValue("Location").orElseThrow();
            JsonNode roleRepresentation = send(HttpRequest.newBuilder(URI.create(realm + "/roles/" + role))
                    .header("Authorization", "Bearer " + master).GET().build());
            var mapped = HTTP.send(HttpRequest.newBuilder(URI.create(location + "/role-mappings/realm"))
                    .header("Authorization", "Bearer " + master).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("[" + roleRepresentation + "]")).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (mapped.statusCode() != 204) {
                throw new AssertionError("Keycloak did not give " + username + " the role " + role + ": " + mapped.body());
            }
            return username;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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
