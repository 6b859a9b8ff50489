package io.drydock.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/**
 * Drydock's v1 API over {@code java.net.http}, as one user (HTTP basic) and optionally in another account
 * ({@code x-anchore-account}). Every answer outside 2xx becomes an {@link ApiError}; a server that cannot be reached a
 * {@link CliException} naming the URL.
 */
public final class ApiClient {

    /** Long enough for a check that evaluates now; uploads have no limit, their size decides. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http;
    private final URI base;
    private final String authorization;
    private final String account;
    private final JsonMapper json;

    public ApiClient(HttpClient http, CliConfig config, JsonMapper json) {
        this.http = http;
        this.base = config.url();
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (config.user() + ":" + config.password()).getBytes(StandardCharsets.UTF_8));
        this.account = config.account();
        this.json = json;
    }

    public JsonNode get(String path, Query query) {
        return send(request(path, query).GET(), "application/json", REQUEST_TIMEOUT);
    }

    public JsonNode delete(String path, Query query) {
        return send(request(path, query).DELETE(), "application/json", REQUEST_TIMEOUT);
    }

    public JsonNode post(String path, Query query, Object body) {
        return send(request(path, query).POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))),
                "application/json", REQUEST_TIMEOUT);
    }

    public JsonNode put(String path, Query query, Object body) {
        return send(request(path, query).PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))),
                "application/json", REQUEST_TIMEOUT);
    }

    /** A {@code multipart/form-data} POST of {@code file} as the form field {@code field}, streamed from disk. */
    public JsonNode upload(String path, Query query, String field, Path file) {
        String boundary = "drydock-cli-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + file.getFileName().toString().replace("\"", "") + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        try {
            HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofString(head),
                    HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n"));
            return send(request(path, query).POST(body), "multipart/form-data; boundary=" + boundary, null);
        } catch (FileNotFoundException e) {
            throw new CliException("cannot read " + file + ": " + e.getMessage());
        }
    }

    private HttpRequest.Builder request(String path, Query query) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path + query))
                .header("Authorization", authorization)
                .header("Accept", "application/json");
        if (account != null) {
            builder.header("x-anchore-account", account);
        }
        return builder;
    }

    /**
     * A GET whose successful answer is kept as the bytes sent (an SBOM, a gzip download); an error answer becomes an
     * {@link ApiError} as for the JSON calls.
     */
    public byte[] download(String path, Query query) {
        HttpRequest.Builder request = request(path, query).setHeader("Accept", "*/*").GET();
        HttpResponse<byte[]> response = exchange(request, "application/json", REQUEST_TIMEOUT,
                HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() / 100 == 2) {
            return response.body();
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        throw error(response.statusCode(), parse(text), text);
    }

    private JsonNode send(HttpRequest.Builder request, String contentType, Duration timeout) {
        HttpResponse<String> response = exchange(request, contentType, timeout,
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode body = parse(response.body());
        int status = response.statusCode();
        if (status / 100 == 2) {
            if (body == null) {
                throw new CliException("the API answered " + response.request().method() + " "
                        + response.request().uri().getPath() + " with a body that is not JSON: "
                        + abbreviate(response.body()));
            }
            return body;
        }
        throw error(status, body, response.body());
    }

    private <T> HttpResponse<T> exchange(HttpRequest.Builder request, String contentType, Duration timeout,
                                         HttpResponse.BodyHandler<T> handler) {
        if (timeout != null) {
            request.timeout(timeout);
        }
        HttpRequest built = request.header("Content-Type", contentType).build();
        try {
            return http.send(built, handler);
        } catch (HttpTimeoutException e) {
            throw new CliException("no answer from " + base + " within " + timeout.toSeconds() + " s ("
                    + built.method() + " " + built.uri().getPath() + ")", e);
        } catch (ConnectException e) {
            // The JDK's ConnectException usually has no message (its cause a ClosedChannelException).
            throw new CliException("cannot connect to the Drydock API at " + base + " ("
                    + (e.getMessage() == null ? "connection refused" : e.getMessage())
                    + "); is it running, and is --url (DRYDOCK_URL) right?", e);
        } catch (IOException e) {
            throw new CliException("request to " + base + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted", e);
        }
    }

    private static ApiError error(int status, JsonNode body, String text) {
        if (status == 401) {
            return new ApiError(status, "authentication failed: check the user and password (--user/--password,"
                    + " DRYDOCK_USER/DRYDOCK_PASSWORD)", null);
        }
        if (body != null && body.isObject() && body.hasNonNull("message")) {
            JsonNode detail = body.get("detail");
            return new ApiError(status, body.get("message").asString(),
                    detail == null || detail.isNull() || detail.isEmpty() ? null : detail);
        }
        return new ApiError(status, text.isBlank() ? "no message" : abbreviate(text), null);
    }

    private JsonNode parse(String text) {
        if (text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String describe(Throwable e) {
        Throwable cause = e;
        while (cause.getMessage() == null && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static String abbreviate(String text) {
        String flat = text.strip().replaceAll("\\s+", " ");
        return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
    }
}
