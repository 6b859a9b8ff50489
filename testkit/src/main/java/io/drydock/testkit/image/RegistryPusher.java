package io.drydock.testkit.image;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import io.drydock.testkit.registry.TestRegistry;

/** Pushes blobs and manifests with the distribution API's monolithic upload; test-side only, so no retries. */
final class RegistryPusher {

    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private final TestRegistry registry;
    private final String repository;

    RegistryPusher(TestRegistry registry, String repository) {
        this.registry = registry;
        this.repository = repository;
    }

    /** Uploads a blob unless the repository has it already. */
    void pushBlob(String digest, HttpRequest.BodyPublisher content) {
        HttpResponse<String> head = send(request(uri("/v2/" + repository + "/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()));
        if (head.statusCode() == 200) {
            return;
        }
        HttpResponse<String> started = send(request(uri("/v2/" + repository + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        expect(started, 202, "starting the upload of " + digest);
        String location = started.headers().firstValue("Location")
                .orElseThrow(() -> new IllegalStateException("registry started an upload without a Location"));
        URI upload = registry.baseUri().resolve(location);
        String separator = upload.getRawQuery() == null ? "?" : "&";
        URI complete = URI.create(upload + separator + "digest=" + URLEncoder.encode(digest, StandardCharsets.UTF_8));
        HttpResponse<String> finished = send(request(complete)
                .header("Content-Type", "application/octet-stream")
                .PUT(content));
        expect(finished, 201, "uploading " + digest);
    }

    void pushBlob(String digest, byte[] content) {
        pushBlob(digest, HttpRequest.BodyPublishers.ofByteArray(content));
    }

    void pushBlob(String digest, Path content) {
        try {
            pushBlob(digest, HttpRequest.BodyPublishers.ofFile(content));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores a manifest or index under a tag or its digest. */
    void pushManifest(String reference, String mediaType, byte[] content) {
        HttpResponse<String> response = send(request(uri("/v2/" + repository + "/manifests/" + reference))
                .header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(content)));
        expect(response, 201, "storing manifest " + repository + ":" + reference);
    }

    private URI uri(String path) {
        return registry.baseUri().resolve(path);
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT);
        registry.authorizationHeader(repository).ifPresent(header -> builder.header("Authorization", header));
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            // Direct (never through a proxy) and trusting the registry's own certificate when it speaks TLS.
            return registry.httpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while pushing to the test registry", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new IllegalStateException(what + " failed: HTTP " + response.statusCode() + " " + response.body());
        }
    }
}
