package io.drydock.feeds;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real HTTP server on 127.0.0.1 laid out like the public OSV bucket ({@code /<Ecosystem>/all.zip},
 * {@code modified_id.csv}, {@code <ID>.json}), answering conditional requests with 304 as a bucket does, and logging
 * every request it gets.
 */
public final class OsvServer implements AutoCloseable {

    /** One request as received. */
    public record Request(String method, String path, String ifNoneMatch, String ifModifiedSince) {
    }

    private static final String LAST_MODIFIED = DateTimeFormatter.RFC_1123_DATE_TIME
            .format(ZonedDateTime.of(2026, 11, 1, 12, 0, 0, 0, ZoneOffset.UTC));

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, Integer> cutShort = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> arrivals = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private OsvServer(HttpServer server) {
        this.server = server;
    }

    public static OsvServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            OsvServer osv = new OsvServer(server);
            server.createContext("/", osv::handle);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.start();
            return osv;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    public void put(String path, byte[] content) {
        files.put(path, content);
    }

    /** Announces the whole content but sends only the first {@code sent} bytes, then drops the connection. */
    public void putCutShort(String path, byte[] content, int sent) {
        files.put(path, content);
        cutShort.put(path, sent);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** Holds responses to {@code path} until the returned latch is counted down; {@link #awaitArrival} sees them come. */
    public CountDownLatch hold(String path) {
        CountDownLatch release = new CountDownLatch(1);
        holds.put(path, release);
        arrivals.put(path, new CountDownLatch(1));
        return release;
    }

    public boolean awaitArrival(String path, long seconds) throws InterruptedException {
        return arrivals.get(path).await(seconds, TimeUnit.SECONDS);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        requests.add(new Request(exchange.getRequestMethod(), path, ifNoneMatch,
                exchange.getRequestHeaders().getFirst("If-Modified-Since")));
        CountDownLatch arrived = arrivals.get(path);
        if (arrived != null) {
            arrived.countDown();
        }
        CountDownLatch hold = holds.get(path);
        if (hold != null) {
            try {
                hold.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] content = files.get(path);
        try (exchange) {
            if (content == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            String etag = "\"" + sha256(content) + "\"";
            exchange.getResponseHeaders().add("ETag", etag);
            exchange.getResponseHeaders().add("Last-Modified", LAST_MODIFIED);
            if (etag.equals(ifNoneMatch)) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.sendResponseHeaders(200, content.length);
            OutputStream body = exchange.getResponseBody();
            Integer sent = cutShort.get(path);
            if (sent != null) {
                body.write(content, 0, sent);
                body.flush();
                // Closing short of the announced length makes the server drop the connection.
                return;
            }
            try (body) {
                body.write(content);
            }
        }
    }

    private static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        holds.values().forEach(CountDownLatch::countDown);
        server.stop(0);
    }
}
