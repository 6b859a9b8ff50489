package io.drydock.testkit.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real OCI registry for integration tests: Debian's {@code docker-registry} (CNCF distribution 2.8) on
 * {@code 127.0.0.1}, storing in a temporary directory, deletes enabled.
 *
 * <pre>{@code
 * TestRegistry registry = TestRegistry.shared();          // one anonymous registry per JVM
 * String digest = TestImage.builder()...build().push(registry, "drydock/small", "v1");
 * }</pre>
 */
public final class TestRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestRegistry.class);

    private static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final int START_ATTEMPTS = 3;
    private static final Object SHARED_LOCK = new Object();
    private static TestRegistry shared;

    private final Process process;
    private final Path directory;
    private final String hostPort;
    private final String username;
    private final String password;
    private final Thread shutdownHook;

    private TestRegistry(Process process, Path directory, String hostPort, String username, String password) {
        this.process = process;
        this.directory = directory;
        this.hostPort = hostPort;
        this.username = username;
        this.password = password;
        this.shutdownHook = new Thread(() -> {
            destroyProcess();
            deleteRecursively(directory);
        }, "test-registry-" + hostPort + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The anonymous registry all tests of this JVM share, started on first use and stopped when the JVM exits. */
    public static TestRegistry shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || !shared.process.isAlive()) {
                shared = start(null, null);
            }
            return shared;
        }
    }

    /** A separate anonymous registry; the caller stops it. */
    public static TestRegistry startAnonymous() {
        return start(null, null);
    }

    /** A separate registry that demands HTTP basic auth with this user name and password; the caller stops it. */
    public static TestRegistry startWithBasicAuth(String username, String password) {
        return start(username, password);
    }

    /** {@code 127.0.0.1:<port>}, the registry part of image references pushed here. */
    public String hostPort() {
        return hostPort;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI baseUri() {
        return URI.create("http://" + hostPort);
    }

    /** The user name basic auth demands, if it does. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The password basic auth demands, if it does. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** An {@code Authorization} header value for this registry's user, if it demands one. */
    public Optional<String> authorizationHeader() {
        return username().map(user -> "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Where the registry keeps a blob's bytes ({@code sha256:…}), for tests of a registry serving something other
     * than what was pushed: the registry checks digests on upload only.
     */
    public Path blobFile(String digest) {
        String hex = digest.substring(digest.indexOf(':') + 1);
        return directory.resolve("storage/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2))
                .resolve(hex).resolve("data");
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the registry and deletes its storage. Stopping the shared registry is left to the JVM's exit. */
    public void stop() {
        destroyProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or ran; it stops the process either way.
        }
        deleteRecursively(directory);
    }

    @Override
    public void close() {
        stop();
    }

    private static TestRegistry start(String username, String password) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " not found: install the 'docker-registry' Debian package "
                    + "(apt-get install docker-registry) to run tests that need a registry");
        }
        IllegalStateException last = null;
        // A free port found by binding port 0 can be taken by someone else before the registry binds it: try again.
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return startOnce(username, password);
            } catch (PortTakenException e) {
                last = e;
                log.info("Test registry could not bind its port; retrying ({}/{})", attempt, START_ATTEMPTS);
            }
        }
        throw last;
    }

    private static TestRegistry startOnce(String username, String password) {
        Path directory = createTempDirectory();
        int port = freePort();
        String hostPort = "127.0.0.1:" + port;
        Path storage = directory.resolve("storage");
        Path logFile = directory.resolve("registry.log");
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: info\n  formatter: text\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(storage).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("  maintenance:\n    uploadpurging:\n      enabled: false\n")
                .append("http:\n  addr: ").append(hostPort).append('\n')
                .append("  secret: ").append(UUID.randomUUID()).append('\n');
        if (username != null) {
            Path htpasswd = directory.resolve("htpasswd");
            write(htpasswd, htpasswdLine(username, password));
            config.append("auth:\n  htpasswd:\n    realm: drydock-test\n    path: ").append(htpasswd).append('\n');
        }
        Path configFile = directory.resolve("config.yml");
        write(configFile, config.toString());
        Process process;
        try {
            Files.createDirectories(storage);
            process = new ProcessBuilder(BINARY.toString(), "serve", configFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + BINARY, e);
        }
        TestRegistry registry = new TestRegistry(process, directory, hostPort, username, password);
        try {
            awaitReady(registry, logFile);
        } catch (RuntimeException e) {
            registry.stop();
            throw e;
        }
        log.info("Test registry on {} ({}), storage {}", hostPort, username == null ? "anonymous" : "basic auth", storage);
        return registry;
    }

    /** Polls {@code /v2/} until the registry answers (200, or 401 when it demands auth), within a deadline. */
    private static void awaitReady(TestRegistry registry, Path logFile) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        URI ping = URI.create("http://" + registry.hostPort + "/v2/");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
                .proxy(HttpClient.Builder.NO_PROXY).build()) {
            while (Instant.now().isBefore(deadline)) {
                // Waiting on the process doubles as the pause between polls and notices an early exit.
                if (registry.process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    String output = readLog(logFile);
                    if (output.contains("address already in use")) {
                        throw new PortTakenException(registry.hostPort);
                    }
                    throw new IllegalStateException("docker-registry exited with " + registry.process.exitValue()
                            + " before listening on " + registry.hostPort + ":\n" + output);
                }
                try {
                    int status = http.send(HttpRequest.newBuilder(ping).timeout(Duration.ofSeconds(2)).GET().build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status == 200 || status == 401) {
                        return;
                    }
                } catch (IOException notYetListening) {
                    // Not listening yet; poll again.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the test registry", e);
        }
        throw new IllegalStateException("docker-registry did not answer on " + ping + " within " + STARTUP_TIMEOUT
                + ":\n" + readLog(logFile));
    }

    private static String htpasswdLine(String username, String password) {
        try {
            Process htpasswd = new ProcessBuilder("htpasswd", "-Bbn", username, password).redirectErrorStream(false).start();
            String output = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!htpasswd.waitFor(30, TimeUnit.SECONDS) || htpasswd.exitValue() != 0) {
                throw new IllegalStateException("htpasswd failed: "
                        + new String(htpasswd.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return output.strip() + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("htpasswd not found: install the 'apache2-utils' Debian package "
                    + "to run tests against a registry with basic auth", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running htpasswd", e);
        }
    }

    private void destroyProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    private static Path createTempDirectory() {
        try {
            return Files.createTempDirectory("drydock-test-registry-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readLog(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    log.warn("Could not delete {}; leaving it", path);
                }
            });
        } catch (IOException e) {
            log.warn("Could not delete test registry storage {}; leaving it", root);
        }
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String hostPort) {
            super("port of " + hostPort + " was taken before docker-registry could bind it");
        }
    }
}
