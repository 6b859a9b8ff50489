package io.drydock.feeds.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.drydock.feeds.source.nvd.NvdApiClient;
import io.drydock.feeds.source.nvd.NvdCveParser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The NVD API client against a real HTTP server on loopback that pages like NVD: it follows startIndex, splits long
 * incremental ranges into 120-day windows, sends the API key, and rides out throttling.
 */
class NvdApiClientTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final List<Map<String, String>> requests = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> pauses = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;
    private Function<Map<String, String>, Response> answer;

    @TempDir
    Path pagesDir;

    record Response(int status, String body, Map<String, String> headers) {
    }

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/rest/json/cves/2.0", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void pagesThroughEveryCveAndSendsTheApiKey() throws Exception {
        List<JsonNode> all = records(5);
        answer = query -> new Response(200, page(all, Integer.parseInt(query.get("startIndex")), 2, all.size()),
                Map.of());

        List<Path> pages = client("secret-key").download(null, null, pagesDir);

        assertThat(pages).hasSize(3);
        assertThat(requests).extracting(q -> q.get("startIndex")).containsExactly("0", "2", "4");
        assertThat(requests).allSatisfy(q -> {
            assertThat(q.get("apiKey")).isEqualTo("secret-key");
            assertThat(q.get("resultsPerPage")).isEqualTo("2000");
            assertThat(q).doesNotContainKey("lastModStartDate");
        });
        List<String> ids = new ArrayList<>();
        for (Path page : pages) {
            try (InputStream in = Files.newInputStream(page)) {
                new NvdCveParser(json).parse(in, page.toString(), cve -> ids.add(cve.cveId()));
            }
        }
        assertThat(ids).containsExactly("CVE-2026-1000", "CVE-2026-1001", "CVE-2026-1002", "CVE-2026-1003",
                "CVE-2026-1004");
        assertThat(pauses).hasSize(3).allMatch(d -> d.equals(Duration.ofMillis(600)));
    }

    @Test
    void splitsAnIncrementalRangeIntoWindowsNvdAccepts() throws Exception {
        answer = query -> new Response(200, page(List.of(), 0, 0, 0), Map.of());
        Instant since = Instant.parse("2026-01-01T00:00:00Z");

        client(null).download(since, since.plus(Duration.ofDays(250)), pagesDir);

        assertThat(requests).extracting(q -> q.get("lastModStartDate") + " " + q.get("lastModEndDate")).containsExactly(
                "2026-01-01T00:00:00.000Z 2026-05-01T00:00:00.000Z",
                "2026-05-01T00:00:00.000Z 2026-08-29T00:00:00.000Z",
                "2026-08-29T00:00:00.000Z 2026-09-08T00:00:00.000Z");
        assertThat(requests).allSatisfy(q -> assertThat(q).doesNotContainKey("apiKey"));
    }

    @Test
    void waitsWhenThrottledAndFailsClearlyOnAnErrorThatDoesNotPass() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        answer = query -> calls.incrementAndGet() == 1
                ? new Response(429, "", Map.of("Retry-After", "7"))
                : new Response(200, page(records(1), 0, 1, 1), Map.of());

        assertThat(client(null).download(null, null, pagesDir)).hasSize(1);
        assertThat(pauses).contains(Duration.ofSeconds(7));

        answer = query -> new Response(404, "", Map.of("message", "Invalid apiKey"));
        assertThatThrownBy(() -> client(null).download(null, null, pagesDir))
                .isInstanceOf(FeedSourceException.class).hasMessageEndingWith("answered 404: Invalid apiKey");
    }

    @Test
    void refusesAPageThatIsNotNvdJsonOrATotalThatMovesWhilePaging() {
        answer = query -> new Response(200, "<html>maintenance</html>", Map.of());
        assertThatThrownBy(() -> client(null).download(null, null, pagesDir))
                .isInstanceOf(FeedSourceException.class).hasMessageContaining("not valid JSON");

        List<JsonNode> all = records(4);
        answer = query -> {
            int start = Integer.parseInt(query.get("startIndex"));
            return new Response(200, page(all, start, 2, start == 0 ? 4 : 5), Map.of());
        };
        assertThatThrownBy(() -> client(null).download(null, null, pagesDir))
                .hasMessageContaining("the total changed from 4 to 5 while paging");
    }

    private NvdApiClient client(String apiKey) {
        return new NvdApiClient(HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).build(),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/rest/json/cves/2.0"), apiKey,
                Duration.ofMillis(600), Duration.ofSeconds(10), new NvdCveParser(json), pauses::add);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        String key = exchange.getRequestHeaders().getFirst("apiKey");
        if (key != null) {
            query.put("apiKey", key);
        }
        requests.add(query);
        Response response = answer.apply(query);
        response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Records shaped like the CVE-2020-8203 fixture, renumbered. */
    private List<JsonNode> records(int count) {
        try (InputStream in = getClass().getResourceAsStream("/enrichment/nvd-cves-page.json")) {
            JsonNode template = json.readTree(in).get("vulnerabilities").get(1);
            List<JsonNode> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ObjectNode copy = (ObjectNode) template.deepCopy();
                ((ObjectNode) copy.get("cve")).put("id", "CVE-2026-" + (1000 + i));
                out.add(copy);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String page(List<JsonNode> all, int start, int size, int total) {
        ObjectNode page = json.createObjectNode();
        List<JsonNode> slice = all.subList(Math.min(start, all.size()), Math.min(start + size, all.size()));
        page.put("resultsPerPage", slice.size()).put("startIndex", start).put("totalResults", total)
                .put("format", "NVD_CVE").put("version", "2.0").put("timestamp", "2026-11-23T18:00:00.000");
        ArrayNode list = page.putArray("vulnerabilities");
        slice.forEach(list::add);
        return json.writeValueAsString(page);
    }
}
