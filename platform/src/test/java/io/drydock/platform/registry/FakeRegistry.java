package io.drydock.platform.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A registry endpoint on 127.0.0.1 that answers what a test tells it to, for the edges of the outside world a real
 * registry will not produce on demand (token auth, corrupt blobs, schema 1 manifests, cross-origin redirects).
 */
final class FakeRegistry implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeRegistry() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(executor);
        server.createContext("/", this::dispatch);
        server.start();
    }

    static FakeRegistry start() {
        return new FakeRegistry();
    }

    String hostPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    String baseUrl() {
        return "http://" + hostPort();
    }

    /** Answers GETs of {@code path} with this status, headers and body. */
    void respond(String path, int status, Map<String, String> headers, byte[] body) {
        handle(path, exchange -> send(exchange, status, headers, body));
    }

    void handle(String path, HttpHandler handler) {
        routes.put(path, handler);
    }

    /** Every request received, in order. */
    List<Request> requests() {
        return List.copyOf(requests);
    }

    long requestsTo(String path) {
        return requests.stream().filter(request -> request.path().equals(path)).count();
    }

    static void send(HttpExchange exchange, int status, Map<String, String> headers, byte[] body) throws IOException {
        headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        requests.add(new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                exchange.getRequestHeaders().getFirst("Authorization")));
        HttpHandler handler = routes.get(path);
        if (handler == null) {
            send(exchange, 404, Map.of("Content-Type", "application/json"),
                    "{\"errors\":[{\"code\":\"NAME_UNKNOWN\",\"message\":\"not here\"}]}".getBytes(StandardCharsets.UTF_8));
            return;
        }
        handler.handle(exchange);
    }

    record Request(String method, String path, String query, String authorization) {
    }
}
