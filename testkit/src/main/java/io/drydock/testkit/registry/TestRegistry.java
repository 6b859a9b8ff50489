package io.drydock.testkit.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.drydock.testkit.LocalServers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real OCI registry for integration tests: Debian's {@code docker-registry} (CNCF distribution 2.8) on
 * {@code 127.0.0.1}, storing in a temporary directory, deletes enabled. Plain HTTP, or HTTPS with a self-signed
 * certificate for {@code 127.0.0.1} and {@code localhost} made by {@code openssl} when it starts.
 *
 * <pre>{@code
 * TestRegistry registry = TestRegistry.shared();          // one anonymous registry per JVM
 * String digest = TestImage.builder()...build().push(registry, "drydock/small", "v1");
 * TestRegistry tls = TestRegistry.startWithTls();          // https://127.0.0.1:<port>, see certificate()
 * }</pre>
 */
public final class TestRegistry implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TestRegistry.class);

    private static final Path BINARY = Path.of("/usr/bin/docker-registry");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Object SHARED_LOCK = new Object();
    private static TestRegistry shared;

    private final Process process;
    private final Path directory;
    private final String hostPort;
    private final String username;
    private final String password;
    private final Path certificate;
    private final TokenServer tokens;
    private final HttpClient http;
    private final Thread shutdownHook;

    private TestRegistry(Process process, Path directory, String hostPort, String username, String password,
                         Path certificate, TokenServer tokens) {
        this.process = process;
        this.directory = directory;
        this.hostPort = hostPort;
        this.username = username;
        this.password = password;
        this.certificate = certificate;
        this.tokens = tokens;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                // Test traffic must stay on loopback whatever proxy the machine is configured with.
                .proxy(HttpClient.Builder.NO_PROXY);
        if (certificate != null) {
            http.sslContext(SelfSignedCertificate.trusting(certificate));
        }
        this.http = http.build();
        this.shutdownHook = new Thread(() -> {
            destroyProcess();
            LocalServers.deleteRecursively(directory);
        }, "test-registry-" + hostPort + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The anonymous registry all tests of this JVM share, started on first use and stopped when the JVM exits. */
    public static TestRegistry shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || !shared.process.isAlive()) {
                shared = start(null, null, false, false);
            }
            return shared;
        }
    }

    /** A separate anonymous registry; the caller stops it. */
    public static TestRegistry startAnonymous() {
        return start(null, null, false, false);
    }

    /**
     * A separate anonymous registry speaking HTTPS with a self-signed certificate for {@code 127.0.0.1} and
     * {@code localhost} ({@link #certificate()}), which clients do not trust unless told to; the caller stops it.
     */
    public static TestRegistry startWithTls() {
        return start(null, null, true, false);
    }

    /** A separate registry that demands HTTP basic auth with this user name and password; the caller stops it. */
    public static TestRegistry startWithBasicAuth(String username, String password) {
        return start(username, password, false, false);
    }

    /**
     * A separate registry that demands bearer tokens, issued by a token service on loopback to this user name and
     * password (HTTP basic on the token request), the way Docker Hub, GHCR or Harbor work; the caller stops it.
     */
    public static TestRegistry startWithTokenAuth(String username, String password) {
        return start(username, password, false, true);
    }

    /** {@code 127.0.0.1:<port>}, the registry part of image references pushed here. */
    public String hostPort() {
        return hostPort;
    }

    /** {@code http://127.0.0.1:<port>}, or {@code https://…} for a TLS registry. */
    public URI baseUri() {
        return URI.create((certificate == null ? "http://" : "https://") + hostPort);
    }

    /** The self-signed certificate (PEM) of a TLS registry: a CA bundle that makes clients trust it. */
    public Optional<Path> certificate() {
        return Optional.ofNullable(certificate);
    }

    /** A client for pushing to and probing this registry: never through a proxy, and trusting its certificate. */
    public HttpClient httpClient() {
        return http;
    }

    /** The user name basic auth demands, if it does. */
    public Optional<String> username() {
        return Optional.ofNullable(username);
    }

    /** The password basic auth demands, if it does. */
    public Optional<String> password() {
        return Optional.ofNullable(password);
    }

    /** An {@code Authorization} header value for this registry's user, if it demands basic auth. */
    public Optional<String> authorizationHeader() {
        return tokens != null ? Optional.empty() : username().map(user -> "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /** An {@code Authorization} header value to pull and push {@code repository}, if the registry demands one. */
    public Optional<String> authorizationHeader(String repository) {
        return tokens != null ? Optional.of("Bearer " + tokens.issue(repository)) : authorizationHeader();
    }

    /** The token service's URL in token-auth mode. */
    public Optional<String> tokenRealm() {
        return Optional.ofNullable(tokens).map(TokenServer::realm);
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
        if (tokens != null) {
            tokens.close();
        }
        LocalServers.forgetShutdownHook(shutdownHook);
        LocalServers.deleteRecursively(directory);
    }

    @Override
    public void close() {
        stop();
    }

    private static TestRegistry start(String username, String password, boolean tls, boolean token) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " not found: install the 'docker-registry' Debian package "
                    + "(apt-get install docker-registry) to run tests that need a registry");
        }
        return LocalServers.startRetryingTakenPorts("docker-registry", () -> startOnce(username, password, tls, token));
    }

    private static TestRegistry startOnce(String username, String password, boolean tls, boolean token) {
        Path directory = LocalServers.temporaryDirectory("drydock-test-registry-");
        int port = LocalServers.freeLoopbackPort();
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
        Path certificate = null;
        if (tls) {
            certificate = directory.resolve("registry.crt");
            Path key = directory.resolve("registry.key");
            SelfSignedCertificate.create(certificate, key);
            config.append("  tls:\n    certificate: ").append(certificate).append("\n    key: ").append(key).append('\n');
        }
        TokenServer tokens = null;
        if (token) {
            tokens = TokenServer.start(directory, username, password);
            config.append("auth:\n  token:\n    realm: ").append(tokens.realm()).append('\n')
                    .append("    service: ").append(TokenServer.SERVICE).append('\n')
                    .append("    issuer: ").append(TokenServer.ISSUER).append('\n')
                    .append("    rootcertbundle: ").append(TokenServer.certificateBundle(directory)).append('\n');
        } else if (username != null) {
            Path htpasswd = directory.resolve("htpasswd");
            LocalServers.write(htpasswd, LocalServers.htpasswdLine("-B", username, password));
            config.append("auth:\n  htpasswd:\n    realm: drydock-test\n    path: ").append(htpasswd).append('\n');
        }
        Path configFile = directory.resolve("config.yml");
        LocalServers.write(configFile, config.toString());
        Process process;
        try {
            Files.createDirectories(storage);
            process = new ProcessBuilder(BINARY.toString(), "serve", configFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            if (tokens != null) {
                tokens.close();
            }
            throw new UncheckedIOException("could not start " + BINARY, e);
        }
        TestRegistry registry = new TestRegistry(process, directory, hostPort, username, password, certificate, tokens);
        try {
            awaitReady(registry, logFile);
        } catch (RuntimeException e) {
            registry.stop();
            throw e;
        }
        log.info("Test registry on {} ({}{}), storage {}", hostPort,
                token ? "token auth" : username == null ? "anonymous" : "basic auth",
                tls ? ", TLS" : "", storage);
        return registry;
    }

    /** Polls {@code /v2/} until the registry answers (200, or 401 when it demands auth), within a deadline. */
    private static void awaitReady(TestRegistry registry, Path logFile) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        URI ping = registry.baseUri().resolve("/v2/");
        HttpClient http = registry.http;
        try {
            while (Instant.now().isBefore(deadline)) {
                // Waiting on the process doubles as the pause between polls and notices an early exit.
                if (registry.process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    String output = LocalServers.tail(logFile, 40);
                    if (output.contains("address already in use")) {
                        throw new LocalServers.PortTakenException("docker-registry", registry.hostPort);
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
                + ":\n" + LocalServers.tail(logFile, 40));
    }

    private void destroyProcess() {
        http.close();
        LocalServers.stop(process);
    }
}
