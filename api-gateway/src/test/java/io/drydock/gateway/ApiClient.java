package io.drydock.gateway;

import io.drydock.testkit.http.Multipart;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** A client of the v1 API as one user, sending what the Anchore CLI sends (JSON content type on every request). */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    // Loopback only, whatever proxy the machine is configured with.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    /** A response whose body is bytes (e.g. a gzip download). */
    public record Download(int status, HttpHeaders headers, byte[] body) {
    }

    /** A response; {@code body} is null when the text is not JSON (e.g. the 401 body). */
    public record Response(int status, HttpHeaders headers, JsonNode body, String text) {
    }

    private final String root;
    private final String authorization;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiClient(int port, String user, String password) {
        this("http://127.0.0.1:" + port, user == null ? null
                : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    private ApiClient(String root, String authorization) {
        this.root = root;
        this.authorization = authorization;
    }

    /** The same user sending {@code x-anchore-account}. */
    public ApiClient actingAs(String account) {
        ApiClient client = new ApiClient(root, authorization);
        client.headers.putAll(headers);
        client.headers.put("x-anchore-account", account);
        return client;
    }

    /** Requests without an {@code Authorization} header. */
    public static ApiClient anonymous(int port) {
        return new ApiClient("http://127.0.0.1:" + port, null);
    }

    /** GET of a path below the server root, e.g. {@code /v1/images} or {@code /images/}. */
    public Response get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /** GET of a path whose answer is kept as bytes. */
    public Download download(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET().timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Download(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Response delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    public Response post(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(publisher(body)));
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(publisher(body)));
    }

    /** A multipart/form-data POST carrying {@code file} as the form field {@code field}. */
    public Response upload(String path, String field, java.nio.file.Path file) {
        Multipart multipart = Multipart.file(field, file);
        return send(HttpRequest.newBuilder(uri(path)).POST(multipart.body()), multipart.contentType());
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private URI uri(String path) {
        return URI.create(root + path);
    }

    private static HttpRequest.BodyPublisher publisher(Object body) {
        return HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body));
    }

    private Response send(HttpRequest.Builder request) {
        return send(request, "application/json");
    }

    private Response send(HttpRequest.Builder request, String contentType) {
        request.header("Content-Type", contentType).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            try {
                body = response.body().isBlank() ? null : JSON.readTree(response.body());
            } catch (RuntimeException notJson) {
                // e.g. the plain-text 401 body; the text is kept
            }
            return new Response(response.statusCode(), response.headers(), body, response.body());
        } catch (IOException e) {
            throw new IllegalStateException("request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
