package io.drydock.deploy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL runs as a child process. When the all-in-one JVM is killed ({@code kill -9}, OOM killer)
 * that server lives on and holds the data directory, so the next start would fail. Before starting, a leftover
 * server of this data directory is shut down ({@code SIGQUIT}: immediate shutdown; the next start recovers from the
 * write-ahead log, so nothing committed is lost).
 */
final class StalePostgres {

    private static final Logger log = LoggerFactory.getLogger(StalePostgres.class);

    private StalePostgres() {
    }

    static void stopLeftover(Path dataDirectory) throws IOException, InterruptedException {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        boolean postgres = process.flatMap(p -> p.info().command()).map(c -> c.endsWith("postgres")).orElse(false);
        if (process.isEmpty() || !process.get().isAlive() || !postgres) {
            return;
        }
        log.warn("A PostgreSQL server (pid {}) left by an earlier run still holds {}; shutting it down", pid, dataDirectory);
        new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).inheritIO().start().waitFor();
        try {
            process.get().onExit().get(Duration.ofSeconds(30).toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            // reported below if it is still alive
        }
        if (process.get().isAlive()) {
            throw new IllegalStateException("PostgreSQL pid " + pid + " still holds " + dataDirectory + "; stop it first");
        }
    }
}
