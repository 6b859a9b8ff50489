package io.drydock.notifier;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook receiver on loopback that records every request and answers 200, or what a test scripted for a path:
 * a sequence of statuses (the last one repeats).
 */
public final class WebhookReceiver {

    /** One request as received. */
    public record Request(String path, String contentType, String body, int answeredWith) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> scripts = new ConcurrentHashMap<>();

    public WebhookReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = nextStatus(path);
            requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers the given statuses in turn to requests for {@code path}, then the last one forever. */
    public void script(String path, Integer... statuses) {
        scripts.put(path, new ArrayDeque<>(List.of(statuses)));
    }

    public List<Request> requestsTo(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    public void reset() {
        requests.clear();
        scripts.clear();
    }

    private int nextStatus(String path) {
        Deque<Integer> script = scripts.get(path);
        if (script == null || script.isEmpty()) {
            return 200;
        }
        synchronized (script) {
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }
}
