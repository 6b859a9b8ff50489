package io.drydock.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback server answering as the v1 API would, one canned answer per method and path, recording every request;
 * and the CLI run in-process against it, with its stdout, stderr and exit code.
 */
public final class FakeApi implements AutoCloseable {

    /** A request as the server received it; {@code query} is the raw query string, or empty. */
    public record Request(String method, String path, String query, String body) {
    }

    /** One run of the CLI. */
    public record Run(int exitCode, String out, String err) {
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    public FakeApi() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers {@code method path} (path below {@code /v1}) with the status and JSON body. */
    public FakeApi answer(String method, String path, int status, String body) {
        answers.put(method + " /v1" + path, new Answer(status, body));
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> environment = Map.of("DRYDOCK_URL", "http://127.0.0.1:" + server.getAddress().getPort()
                + "/v1", "DRYDOCK_USER", "admin", "DRYDOCK_PASSWORD", "secret");
        int code = DrydockCli.execute(environment, new ByteArrayInputStream(new byte[0]), new PrintWriter(out),
                new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(new Request(exchange.getRequestMethod(), path, query == null ? "" : query,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + path,
                new Answer(404, "{\"message\": \"Resource " + path + " not found\", \"httpcode\": 404}"));
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream response = exchange.getResponseBody()) {
            response.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
