package io.drydock.deploy;

import io.drydock.testkit.http.Multipart;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A client of Drydock's v1 API as one user. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Response(int status, JsonNode body, String text) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    Api(int port, String user, String password) {
        this.base = "http://127.0.0.1:" + port + "/v1";
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    Response delete(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
    }

    Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    /** A multipart/form-data POST carrying {@code file} as the form field {@code field}. */
    Response upload(String path, String field, java.nio.file.Path file) {
        Multipart multipart = Multipart.file(field, file);
        return send(HttpRequest.newBuilder(URI.create(base + path)).POST(multipart.body()), multipart.contentType());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private Response send(HttpRequest.Builder request) {
        return send(request, "application/json");
    }

    private Response send(HttpRequest.Builder request, String contentType) {
        try {
            HttpResponse<String> response = http.send(request.header("Authorization", authorization)
                    .header("Content-Type", contentType).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (RuntimeException e) {
                // not JSON (e.g. the 401 text body); the text is kept
            }
            return new Response(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
