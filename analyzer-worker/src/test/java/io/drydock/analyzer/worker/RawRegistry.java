package io.drydock.analyzer.worker;

import io.drydock.testkit.registry.TestRegistry;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Speaks the distribution API directly, for what the image builders refuse to make: blobs that are not what their
 * media type says, and manifests that disappear.
 */
final class RawRegistry {

    // Loopback only, whatever proxy the machine is configured with.
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final TestRegistry registry;

    RawRegistry(TestRegistry registry) {
        this.registry = registry;
    }

    /** Monolithic upload: POST {@code /v2/<repo>/blobs/uploads/}, then PUT {@code <location>?digest=…}. */
    String pushBlob(String repository, byte[] content) {
        String digest = sha256(content);
        HttpResponse<String> started = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(started, 202, "starting an upload");
        URI location = registry.baseUri().resolve(started.headers().firstValue("Location").orElseThrow());
        String separator = location.getRawQuery() == null ? "?" : "&";
        HttpResponse<String> finished = send(HttpRequest.newBuilder(
                        URI.create(location + separator + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8)))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        expect(finished, 201, "uploading " + digest);
        return digest;
    }

    /** Stores a manifest under a tag; returns its digest. */
    String pushManifest(String repository, String tag, String mediaType, byte[] manifest) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + tag))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(manifest)));
        expect(response, 201, "storing manifest " + repository + ":" + tag);
        return sha256(manifest);
    }

    void deleteManifest(String repository, String digest) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v2/" + repository + "/manifests/" + digest))
                .DELETE());
        expect(response, 202, "deleting manifest " + repository + "@" + digest);
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private URI uri(String path) {
        return registry.baseUri().resolve(path);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("registry request failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
