package io.drydock.platform.objectstore;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.drydock.platform.net.OutboundHttp;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link S3ObjectStore} sends verifies as S3 verifies it: the signature recomputed from the request as it arrived
 * (method, Host header, raw path, query, date, content hash) equals the one in its Authorization header. LocalS3, the
 * server of {@link S3ObjectStoreIT}, does not check signatures; this loopback server checks nothing else.
 */
class S3RequestSignatureTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private HttpServer server;
    private final List<String> verified = new CopyOnWriteArrayList<>();
    private final List<String> refused = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::verify);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void everyRequestCarriesAValidSignature() throws IOException {
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/s3");
        S3ObjectStore store = new S3ObjectStore(new S3ObjectStore.Settings(endpoint, "bucket", "eu-west-1",
                "Team_A/prod", "AKIDEXAMPLE", "secret", S3ObjectStore.MIN_PART_SIZE, 1000),
                OutboundHttp.direct().objectStore().version(HttpClient.Version.HTTP_1_1).build(),
                Clock.fixed(NOW, ZoneOffset.UTC));

        store.put("images/aa/manifest.json", new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), 10);
        store.exists("images/aa/manifest.json");
        store.children("images/aa");

        assertThat(refused).isEmpty();
        assertThat(verified).containsExactly(
                "PUT /s3/bucket/Team_A/prod/images/aa/manifest.json",
                "HEAD /s3/bucket/Team_A/prod/images/aa/manifest.json",
                "GET /s3/bucket?delimiter=%2F&list-type=2&max-keys=1000&prefix=Team_A%2Fprod%2Fimages%2Faa%2F");
    }

    private void verify(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        String rawPath = exchange.getRequestURI().getRawPath();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        Map<String, String> query = new TreeMap<>();
        if (rawQuery != null) {
            for (String parameter : rawQuery.split("&")) {
                String[] nameValue = parameter.split("=", 2);
                query.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        nameValue.length > 1 ? URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = new SigV4Signer("AKIDEXAMPLE", "secret", "eu-west-1").sign(exchange.getRequestMethod(),
                exchange.getRequestHeaders().getFirst("Host"), rawPath, query, Map.of(),
                exchange.getRequestHeaders().getFirst("x-amz-content-sha256"), NOW).get("Authorization");
        String request = exchange.getRequestMethod() + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery);
        (expected.equals(authorization) ? verified : refused).add(request);

        byte[] body = switch (exchange.getRequestMethod()) {
            case "GET" -> "<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>"
                    .getBytes(StandardCharsets.UTF_8);
            default -> new byte[0];
        };
        exchange.getResponseHeaders().add("ETag", "\"etag\"");
        int status = "HEAD".equals(exchange.getRequestMethod()) ? 404 : 200;
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
