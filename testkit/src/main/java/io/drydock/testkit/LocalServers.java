package io.drydock.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the test servers started as processes share: a loopback port, a scratch directory, logs, stopping. */
public final class LocalServers {

    private static final Logger log = LoggerFactory.getLogger(LocalServers.class);

    private LocalServers() {
    }

    private static final int START_ATTEMPTS = 3;

    /** The server could not bind the port found free for it: someone else took it in between. */
    public static final class PortTakenException extends IllegalStateException {
        public PortTakenException(String server, String hostPort) {
            super("port of " + hostPort + " was taken before " + server + " could bind it");
        }
    }

    /**
     * Starts a server on a port found free, and again on another one when {@code start} reports (with a
     * {@link PortTakenException}) that the port was taken before the server bound it.
     */
    public static <T> T startRetryingTakenPorts(String server, Supplier<T> start) {
        PortTakenException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            try {
                return start.get();
            } catch (PortTakenException e) {
                last = e;
                log.info("{} could not bind its port; retrying ({}/{})", server, attempt, START_ATTEMPTS);
            }
        }
        throw last;
    }

    /** Removes a shutdown hook that stops a server stopped now, unless the JVM is already running it. */
    public static void forgetShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or ran; it stops the process either way.
        }
    }

    /** A port free on 127.0.0.1 right now (someone may take it before the server binds it: retry then). */
    public static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    public static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path file, String content) {
        try {
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last {@code lines} lines of a log file, for a failure message. */
    public static String tail(Path logFile, int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Asks the process (and what it started) to stop, then forces it after 10 s. */
    public static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        if (process.isAlive()) {
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
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
    }

    public static void deleteRecursively(Path root) {
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
            log.warn("Could not delete {}; leaving it", root);
        }
    }

    /**
     * One line of an htpasswd file, made by Apache's {@code htpasswd}.
     *
     * @param hashOption {@code -B} (bcrypt, for docker-registry) or {@code -m} (MD5, for squid's basic_ncsa_auth)
     */
    public static String htpasswdLine(String hashOption, String username, String password) {
        try {
            Process htpasswd = new ProcessBuilder("htpasswd", hashOption, "-bn", username, password).redirectErrorStream(false).start();
            String output = new String(htpasswd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!htpasswd.waitFor(30, TimeUnit.SECONDS) || htpasswd.exitValue() != 0) {
                throw new IllegalStateException("htpasswd failed: "
                        + new String(htpasswd.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return output.strip() + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("htpasswd not found: install the 'apache2-utils' Debian package "
                    + "to run tests against servers with basic auth", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running htpasswd", e);
        }
    }
}
