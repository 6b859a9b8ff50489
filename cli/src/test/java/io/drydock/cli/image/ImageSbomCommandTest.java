package io.drydock.cli.image;

import com.sun.net.httpserver.HttpServer;
import io.drydock.cli.DrydockCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code image sbom} against a loopback server answering as the API's sbom endpoints do (CycloneDX JSON, the native
 * document as gzip bytes with its attachment header, Anchore's 404 body for an image not analysed).
 */
class ImageSbomCommandTest {

    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String PENDING = "sha256:" + "cd".repeat(32);
    private static final String CYCLONEDX = "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"components\":[]}";
    private static final String NATIVE = "{\"imageDigest\":\"" + DIGEST + "\",\"packages\":[{\"name\":\"musl\"}]}";

    private HttpServer server;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void api() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v1/images/" + DIGEST + "/sboms/cyclonedx-json",
                exchange -> answer(exchange, 200, "application/vnd.cyclonedx+json;version=1.6",
                        CYCLONEDX.getBytes(StandardCharsets.UTF_8)));
        server.createContext("/v1/images/" + DIGEST + "/sboms/native", exchange -> {
            exchange.getResponseHeaders().add("Content-Disposition",
                    "attachment; filename=\"" + DIGEST + "_native.json.gzip\"");
            answer(exchange, 200, "application/gzip", gzip(NATIVE));
        });
        server.createContext("/v1/images/" + PENDING + "/sboms/spdx-json",
                exchange -> answer(exchange, 404, "application/json",
                        "{\"message\":\"image is not analyzed - analysis_status: not_analyzed\",\"httpcode\":404}"
                                .getBytes(StandardCharsets.UTF_8)));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void writesTheCycloneDxDocumentToStdoutByDefault() {
        assertThat(run("image", "sbom", DIGEST)).as(err.toString()).isZero();

        assertThat(out.toString().strip()).isEqualTo(CYCLONEDX);
    }

    @Test
    void writesTheNativeGzipBytesToAFileAndItsJsonToStdout(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("native.json.gzip");

        assertThat(run("image", "sbom", DIGEST, "--format", "native", "--output", file.toString()))
                .as(err.toString()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(gzip(NATIVE));
        assertThat(out.toString()).isEmpty();

        assertThat(run("image", "sbom", DIGEST, "--format", "native")).as(err.toString()).isZero();
        assertThat(out.toString().strip()).isEqualTo(NATIVE);
    }

    @Test
    void reportsAnImageNotAnalysedAndAnUnknownFormat() {
        assertThat(run("image", "sbom", PENDING, "--format", "spdx-json")).isEqualTo(2);
        assertThat(err.toString()).contains("image is not analyzed - analysis_status: not_analyzed (HTTP 404)");

        assertThat(run("image", "sbom", DIGEST, "--format", "xml")).isNotZero();
        assertThat(err.toString()).contains("--format must be one of cyclonedx-json, spdx-json, native");
    }

    private int run(String... args) {
        Map<String, String> environment = Map.of("DRYDOCK_URL", "http://127.0.0.1:" + server.getAddress().getPort()
                + "/v1", "DRYDOCK_USER", "admin", "DRYDOCK_PASSWORD", "secret");
        return DrydockCli.execute(environment, new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err), args);
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String type, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream response = exchange.getResponseBody()) {
            response.write(body);
        }
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
