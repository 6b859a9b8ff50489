package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import io.drydock.testkit.image.ImageFormat;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;

/**
 * Blob downloads whose connection breaks mid-stream, against a registry on loopback that cuts responses at an exact
 * byte (a {@link FakeRegistry}: a proxy or WireMock fault cannot cut at a chosen offset).
 */
class RegistryClientResumeIT {

    private static final int CUT = 64 * 1024;
    private static final TestLayer LAYER;

    static {
        byte[] noise = new byte[256 * 1024];
        new Random(11).nextBytes(noise);
        LAYER = TestImage.builder().format(ImageFormat.OCI)
                .layer(TestLayer.builder().file("opt/data.bin", noise, 0644, 0, 0).build())
                .build().layers().getFirst();
    }

    private static final byte[] BLOB = LAYER.blobBytes();
    private static final String PATH = "/v2/app/blobs/" + LAYER.digest();

    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private FakeRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void start() {
        registry = FakeRegistry.start();
        client = new RegistryClient(LoopbackSettings.plainHttp(registry.hostPort()).withSleeper(wait -> { }),
                HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY));
    }

    @AfterEach
    void stop() {
        client.close();
        registry.close();
    }

    @Test
    void resumesABlobCutOffMidStreamWithARangeRequest() throws IOException {
        cutOnceThen(exchange -> sendRange(exchange, BLOB));

        assertThat(readAll()).isEqualTo(BLOB);
        assertThat(ranges).hasSize(2).first().isEqualTo("null");
        assertThat(resumedAt(ranges.get(1))).as("resumed from what arrived, at most the bytes sent").isBetween(1, CUT);
    }

    @Test
    void startsOverAndSkipsWhatItHasWhenTheServerIgnoresRanges() throws IOException {
        cutOnceThen(exchange -> FakeRegistry.send(exchange, 200, Map.of(), BLOB));

        assertThat(readAll()).isEqualTo(BLOB);
        assertThat(ranges).hasSize(2).first().isEqualTo("null");
        assertThat(resumedAt(ranges.get(1))).isBetween(1, CUT);
    }

    @Test
    void resumesThroughTheRegistrySoThatAnExpiredRedirectIsRenewed() throws IOException {
        AtomicInteger signatures = new AtomicInteger();
        List<String> blobStoreRequests = new CopyOnWriteArrayList<>();
        try (FakeRegistry blobStore = FakeRegistry.start()) {
            registry.handle(PATH, exchange -> FakeRegistry.send(exchange, 307, Map.of("Location",
                    blobStore.baseUrl() + "/bucket/layer?signature=" + signatures.incrementAndGet()), new byte[0]));
            blobStore.handle("/bucket/layer", exchange -> {
                String query = exchange.getRequestURI().getQuery();
                String range = exchange.getRequestHeaders().getFirst("Range");
                blobStoreRequests.add(query + " " + range);
                if (query.equals("signature=1") && range == null) {
                    cutAfter(exchange, BLOB, CUT);
                } else if (query.equals("signature=1")) {
                    FakeRegistry.send(exchange, 403, Map.of(), "Request has expired".getBytes());
                } else {
                    sendRange(exchange, BLOB);
                }
            });

            assertThat(readAll()).isEqualTo(BLOB);

            assertThat(registry.requestsTo(PATH)).isEqualTo(2);
            assertThat(blobStoreRequests).hasSize(2).first().isEqualTo("signature=1 null");
            assertThat(blobStoreRequests.get(1)).startsWith("signature=2 bytes=");
        }
    }

    @Test
    void failsClearlyWhenTheRestStartsSomewhereElse() {
        cutOnceThen(exchange -> {
            exchange.getResponseHeaders().add("Content-Range", "bytes 0-" + (BLOB.length - 1) + "/" + BLOB.length);
            FakeRegistry.send(exchange, 206, Map.of(), BLOB);
        });

        assertThatThrownBy(this::readAll)
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE))
                .hasMessageStartingWith("registry " + registry.hostPort() + " answered the request for blob " + LAYER.digest() + " of "
                        + registry.hostPort() + "/app from byte ")
                .hasMessageEndingWith(" with Content-Range 'bytes 0-" + (BLOB.length - 1) + "/" + BLOB.length
                        + "'; cannot resume");
    }

    @Test
    void givesUpAfterTheBoundedNumberOfResumes() {
        registry.handle(PATH, exchange -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
            ranges.add(String.valueOf(range));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (BLOB.length - 1) + "/" + BLOB.length);
            byte[] rest = Arrays.copyOfRange(BLOB, from, BLOB.length);
            cutAfter(exchange, range == null ? 200 : 206, rest, 1000);
        });

        assertThatThrownBy(this::readAll)
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE))
                .hasMessageContaining("blob " + LAYER.digest() + " of " + registry.hostPort() + "/app broke off at byte ")
                .hasMessageContaining(" of " + BLOB.length + " and 3 resumes did not complete it");
        assertThat(ranges).hasSize(4).first().isEqualTo("null");
        assertThat(ranges.subList(1, 4)).extracting(RegistryClientResumeIT::resumedAt).isSorted()
                .allSatisfy(offset -> assertThat(offset).isBetween(1, 3000));
    }

    @Test
    void stopsReadingABlobThatRunsPastItsDescriptorWhenNoLengthIsAnnounced() {
        registry.handle(PATH, exchange -> {
            // Length 0: chunked, no Content-Length the client could check up front.
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 1000; i++) {
                    out.write(BLOB);
                }
            } catch (IOException e) {
                // The client hung up, as it should.
            }
        });

        assertThatThrownBy(() -> {
            try (InputStream in = client.openBlob(ref(), LAYER.digest(), LAYER.size(), null)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }).isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_SUPPORTED))
                .hasMessage("blob " + LAYER.digest() + " of " + registry.hostPort() + "/app is larger than its descriptor says ("
                        + LAYER.size() + " bytes)");
    }

    /** The blob cut off after {@link #CUT} bytes, then whatever {@code then} answers; records the Range headers. */
    private void cutOnceThen(HttpHandler then) {
        AtomicInteger requests = new AtomicInteger();
        registry.handle(PATH, exchange -> {
            ranges.add(String.valueOf(exchange.getRequestHeaders().getFirst("Range")));
            if (requests.incrementAndGet() == 1) {
                cutAfter(exchange, BLOB, CUT);
            } else {
                then.handle(exchange);
            }
        });
    }

    private byte[] readAll() throws IOException {
        try (InputStream in = client.openBlob(ref(), LAYER.digest(), LAYER.size(), null)) {
            return in.readAllBytes();
        }
    }

    /** N of {@code bytes=N-}. */
    private static int resumedAt(String range) {
        assertThat(range).matches("bytes=\\d+-");
        return Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
    }

    private ImageReference ref() {
        return ImageReference.parse(registry.hostPort() + "/app");
    }

    /** Announces all of {@code body}, sends {@code count} bytes of it and drops the connection. */
    private static void cutAfter(HttpExchange exchange, byte[] body, int count) throws IOException {
        cutAfter(exchange, 200, body, count);
    }

    private static void cutAfter(HttpExchange exchange, int status, byte[] body, int count) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, count);
        out.flush();
        // Closing a fixed-length body short of its length drops the connection.
        exchange.close();
    }

    /** A {@code 206} with the part of {@code blob} the request's {@code Range: bytes=N-} asks for. */
    private static void sendRange(HttpExchange exchange, byte[] blob) throws IOException {
        String range = exchange.getRequestHeaders().getFirst("Range");
        int from = Integer.parseInt(range.substring("bytes=".length(), range.length() - 1));
        exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (blob.length - 1) + "/" + blob.length);
        FakeRegistry.send(exchange, 206, Map.of(), Arrays.copyOfRange(blob, from, blob.length));
    }
}
