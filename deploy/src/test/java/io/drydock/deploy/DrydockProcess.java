package io.drydock.deploy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** The packaged {@code drydock} launcher started as a separate process, as a user starts it. */
final class DrydockProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private DrydockProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static DrydockProcess start(List<String> jvmOptions, List<String> args, Map<String, String> env, Path log)
            throws IOException {
        String jar = System.getProperty("drydock.launcher.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            throw new IllegalStateException("the packaged launcher is missing: " + jar + " (run through 'mvn verify')");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx768m");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // Only what the test passes: a password in the developer's own environment must not leak into a test.
        builder.environment().remove("DRYDOCK_ADMIN_PASSWORD");
        builder.environment().remove("DRYDOCK_SECRET_KEY");
        builder.environment().remove("DRYDOCK_SECRET_KEY_PREVIOUS");
        builder.environment().putAll(env);
        return new DrydockProcess(builder.start(), log);
    }

    /** Waits until {@code /v1/health} answers on the port. */
    DrydockProcess awaitHealthy(int port, Duration within) {
        HttpClient http = HttpClient.newHttpClient();
        await("drydock healthy on " + port + " (log: " + log + ")").atMost(within).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("drydock exited with " + process.exitValue() + "; log " + log
                                + ":\n" + tail());
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/health"))
                                .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding())
                                .statusCode() == 200;
                    } catch (IOException e) {
                        return false;
                    }
                });
        return this;
    }

    /** Waits for the process to end by itself (e.g. refusing to start); its exit code. */
    int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("drydock still running after " + within + "; log " + log + ":\n" + tail());
        }
        return process.exitValue();
    }

    /** A secret key as an operator generates one ({@code openssl rand -base64 32}), for distributed services. */
    static String randomSecretKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** SIGKILL: no shutdown hook, no flush, as a crash. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
