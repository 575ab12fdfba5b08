package com.healthmed.standalone.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small JSON client for the platform's REST API over real HTTP. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    Api(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    String baseUrl() {
        return baseUrl;
    }

    public record Response(int status, String contentType, JsonNode body, String raw) {

        public String text(String field) {
            return body.path(field).asText(null);
        }

        public String problemType() {
            return body.path("type").asText();
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    public Response post(String path, Object body, String token) {
        return send(request(path, token).POST(json(body)).header("Content-Type", "application/json"));
    }

    public Response post(String path, Object body, String token, String headerName, String headerValue) {
        return send(request(path, token).POST(json(body)).header("Content-Type", "application/json")
                .header(headerName, headerValue));
    }

    /** A multipart/form-data POST: text fields, and a file part when {@code fileBytes} is not null. */
    public Response multipart(String path, String token, java.util.Map<String, String> fields, String fileName,
                              String fileType, byte[] fileBytes) {
        String boundary = "----healthmed" + System.nanoTime();
        var body = new java.io.ByteArrayOutputStream();
        try {
            for (var field : fields.entrySet()) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                        + "\"\r\n\r\n" + field.getValue() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            if (fileBytes != null) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                        + "\"\r\nContent-Type: " + fileType + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                body.write(fileBytes);
                body.write("\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary));
    }

    /** The raw bytes of a GET (for downloads). */
    public byte[] bytes(String path, String token) {
        try {
            return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response put(String path, Object body, String token) {
        return send(request(path, token).PUT(json(body)).header("Content-Type", "application/json"));
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    public Response patch(String path, Object body, String token) {
        return send(request(path, token).method("PATCH", json(body)).header("Content-Type", "application/json"));
    }

    public Response postRaw(String path, String body, String token) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    /**
     * Any method, body bytes and headers exactly as given (hostile-input tests send what a well-behaved
     * client never would: broken JSON, broken multipart, odd content types).
     */
    public Response raw(String method, String path, String token, byte[] body, java.util.Map<String, String> headers) {
        var builder = request(path, token).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(builder::setHeader);
        return send(builder);
    }

    /** The raw HTTP exchange, headers included (correlation ids, streamed NDJSON). */
    public HttpResponse<String> exchange(String method, String path, String token, String jsonBody,
                                         java.util.Map<String, String> headers) {
        var builder = request(path, token).method(method, jsonBody == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
        if (jsonBody != null) {
            builder.header("Content-Type", "application/json");
        }
        headers.forEach(builder::setHeader);
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Logs in through the gateway; fails the test if the login does not succeed. */
    public String login(String username, String password) {
        var response = post("/api/v1/auth/token", JSON.createObjectNode()
                .put("username", username).put("password", password), null);
        if (response.status() != 200) {
            throw new AssertionError("login of " + username + " failed: " + response);
        }
        return response.text("access_token");
    }

    private HttpRequest.Builder request(String path, String token) {
        var builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            var response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            JsonNode body = raw == null || raw.isBlank() ? JSON.createObjectNode() : parse(raw);
            return new Response(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse(""), body, raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String raw) {
        try {
            return JSON.readTree(raw);
        } catch (IOException notJson) {
            ObjectNode text = JSON.createObjectNode();
            text.put("text", raw);
            return text;
        }
    }
}
