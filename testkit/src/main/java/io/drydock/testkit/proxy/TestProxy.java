package io.drydock.testkit.proxy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.drydock.testkit.LocalServers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real authenticating HTTP proxy for integration tests: Debian's {@code squid} on {@code 127.0.0.1}, with its own
 * configuration, pid file and logs in a temporary directory, no cache, Basic authentication of user
 * {@value #USERNAME} with password {@value #PASSWORD} (a password that must be URL-encoded in a proxy URL), plain
 * requests and CONNECT tunnels to any port, but only to loopback addresses.
 *
 * <pre>{@code
 * TestProxy proxy = TestProxy.shared();                 // one per JVM, stopped when the JVM exits
 * String url = proxy.url();                             // http://drydock:F%40oBar%21@127.0.0.1:<port>
 * proxy.accessLog();                                    // what went through, as squid logged it
 * }</pre>
 */
public final class TestProxy implements AutoCloseable {

    public static final String USERNAME = "drydock";
    public static final String PASSWORD = "F@oBar!";

    private static final Logger log = LoggerFactory.getLogger(TestProxy.class);

    private static final Path BINARY = Path.of("/usr/sbin/squid");
    private static final Path BASIC_AUTH_HELPER = Path.of("/usr/lib/squid/basic_ncsa_auth");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Object SHARED_LOCK = new Object();
    private static TestProxy shared;

    /**
     * One line of squid's access log.
     *
     * @param method  {@code GET}, {@code POST}, {@code CONNECT}, …
     * @param url     the absolute URL of a proxied request, or {@code host:port} of a CONNECT
     * @param status  the HTTP status squid answered with (407 when authentication failed)
     * @param user    the authenticated user, {@code -} when none
     * @param result  squid's result code, e.g. {@code TCP_MISS}, {@code TCP_TUNNEL}, {@code TCP_DENIED}
     */
    public record AccessLogEntry(String method, String url, int status, String user, String result) {
    }

    private final Process process;
    private final Path directory;
    private final int port;
    private final Thread shutdownHook;

    private TestProxy(Process process, Path directory, int port) {
        this.process = process;
        this.directory = directory;
        this.port = port;
        this.shutdownHook = new Thread(() -> {
            LocalServers.stop(process);
            LocalServers.deleteRecursively(directory);
        }, "test-proxy-" + port + "-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** The proxy all tests of this JVM share, started on first use and stopped when the JVM exits. */
    public static TestProxy shared() {
        synchronized (SHARED_LOCK) {
            if (shared == null || !shared.process.isAlive()) {
                shared = start();
            }
            return shared;
        }
    }

    /** A separate proxy; the caller stops it. */
    public static TestProxy start() {
        for (Path required : List.of(BINARY, BASIC_AUTH_HELPER)) {
            if (!Files.isExecutable(required)) {
                throw new IllegalStateException(required + " not found: install the 'squid' Debian package "
                        + "(apt-get install squid) to run tests that need a proxy");
            }
        }
        return LocalServers.startRetryingTakenPorts("squid", TestProxy::startOnce);
    }

    public int port() {
        return port;
    }

    /** {@code 127.0.0.1:<port>}. */
    public String hostPort() {
        return "127.0.0.1:" + port;
    }

    /** The proxy URL with the right credentials, URL-encoded: {@code http://drydock:F%40oBar%21@127.0.0.1:<port>}. */
    public String url() {
        return urlWith(USERNAME, PASSWORD);
    }

    /** The proxy URL with these credentials, URL-encoded. */
    public String urlWith(String username, String password) {
        return "http://" + encode(username) + ":" + encode(password) + "@" + hostPort();
    }

    /** The proxy URL without credentials: squid answers 407 to every request then. */
    public String urlWithoutCredentials() {
        return "http://" + hostPort();
    }

    /** Everything squid has logged so far, oldest first. */
    public List<AccessLogEntry> accessLog() {
        Path file = directory.resolve("access.log");
        if (!Files.exists(file)) {
            return List.of();
        }
        List<AccessLogEntry> entries = new ArrayList<>();
        try (Stream<String> lines = Files.lines(file)) {
            lines.map(String::strip).filter(line -> !line.isEmpty()).forEach(line -> entries.add(parse(line)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(entries);
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops squid and deletes its directory. Stopping the shared proxy is left to the JVM's exit. */
    public void stop() {
        LocalServers.stop(process);
        LocalServers.forgetShutdownHook(shutdownHook);
        LocalServers.deleteRecursively(directory);
    }

    @Override
    public void close() {
        stop();
    }

    private static TestProxy startOnce() {
        Path directory = LocalServers.temporaryDirectory("drydock-test-proxy-");
        int port = LocalServers.freeLoopbackPort();
        Path htpasswd = directory.resolve("htpasswd");
        // squid's helper reads crypt and MD5 hashes, not bcrypt.
        LocalServers.write(htpasswd, LocalServers.htpasswdLine("-m", USERNAME, PASSWORD));
        Path cacheLog = directory.resolve("cache.log");
        String config = """
                http_port 127.0.0.1:%1$d
                visible_hostname drydock-test-proxy
                pid_filename %2$s/squid.pid
                cache_log %2$s/cache.log
                access_log stdio:%2$s/access.log squid
                coredump_dir %2$s
                netdb_filename none
                cache deny all
                pinger_enable off
                shutdown_lifetime 0 seconds
                auth_param basic program %3$s %4$s
                auth_param basic realm drydock-test-proxy
                acl to_loopback dst 127.0.0.0/8 ::1
                acl authenticated proxy_auth REQUIRED
                http_access deny !to_loopback
                http_access allow authenticated
                http_access deny all
                """.formatted(port, directory, BASIC_AUTH_HELPER, htpasswd);
        Path configFile = directory.resolve("squid.conf");
        LocalServers.write(configFile, config);
        handToSquidsUser(directory);
        Process process;
        try {
            // -N: stay in the foreground, so the process is squid itself and stopping it stops the proxy.
            process = new ProcessBuilder(BINARY.toString(), "-N", "-f", configFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("squid.out").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + BINARY, e);
        }
        TestProxy proxy = new TestProxy(process, directory, port);
        try {
            awaitListening(proxy, cacheLog);
        } catch (RuntimeException e) {
            proxy.stop();
            throw e;
        }
        log.info("Test proxy (squid) on 127.0.0.1:{}, user {}, logs in {}", port, USERNAME, directory);
        return proxy;
    }

    /**
     * squid started as root switches to its own user ({@code proxy} on Debian), which must write the logs and pid
     * file and read the password file; the directory is given to that user.
     */
    private static void handToSquidsUser(Path directory) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return;
        }
        try {
            UserPrincipal squidUser = directory.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("proxy");
            try (Stream<Path> files = Files.walk(directory)) {
                for (Path file : files.toList()) {
                    Files.getFileAttributeView(file, PosixFileAttributeView.class).setOwner(squidUser);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot give " + directory + " to squid's user 'proxy': " + e.getMessage(), e);
        }
    }

    /** Waits until squid accepts connections on its port; shows its cache.log when it does not. */
    private static void awaitListening(TestProxy proxy, Path cacheLog) {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        try {
            while (Instant.now().isBefore(deadline)) {
                // Waiting on the process doubles as the pause between polls and notices an early exit.
                if (proxy.process.waitFor(100, TimeUnit.MILLISECONDS)) {
                    String output = LocalServers.tail(cacheLog, 40) + "\n" + LocalServers.tail(proxy.directory.resolve("squid.out"), 20);
                    if (output.contains("Address already in use")) {
                        throw new LocalServers.PortTakenException("squid", proxy.hostPort());
                    }
                    throw new IllegalStateException("squid exited with " + proxy.process.exitValue()
                            + " before listening on " + proxy.hostPort() + ":\n" + output);
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), proxy.port), 1000);
                    return;
                } catch (IOException notYetListening) {
                    // Not listening yet; poll again.
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the test proxy", e);
        }
        throw new IllegalStateException("squid did not listen on " + proxy.hostPort() + " within " + STARTUP_TIMEOUT
                + ":\n" + LocalServers.tail(cacheLog, 40));
    }

    /** squid's native format: time elapsed client result/status bytes method url user hierarchy/peer type. */
    private static AccessLogEntry parse(String line) {
        String[] fields = line.split("\\s+");
        if (fields.length < 8) {
            throw new IllegalStateException("unexpected squid access log line: " + line);
        }
        String[] result = fields[3].split("/", 2);
        return new AccessLogEntry(fields[5], fields[6], result.length == 2 ? Integer.parseInt(result[1]) : 0,
                fields[7], result[0]);
    }

    private static String encode(String value) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                encoded.append(c);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return encoded.toString();
    }
}
