package io.drydock.deploy;

import io.drydock.testkit.TestInfrastructure;
import io.drydock.testkit.TestPostgres;
import io.drydock.testkit.registry.TestRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The distributed shape: {@code migrate} and {@code init-topics}, then each service as its own process against an
 * external PostgreSQL and Kafka. An analyzer-worker killed with {@code kill -9} in the middle of an analysis does not
 * lose the image: after its lease expires another analyzer takes the job over, and one analysis is stored.
 */
class AnalyzerCrashIT {

    private static final String PREFIX = "crash.";
    private static final String SECRET_KEY = DrydockProcess.randomSecretKey();
    private final List<DrydockProcess> processes = new ArrayList<>();
    private ThrottlingProxy slowRegistry;

    @AfterEach
    void stopAll() throws Exception {
        for (DrydockProcess process : processes) {
            process.close();
        }
        if (slowRegistry != null) {
            slowRegistry.close();
        }
    }

    @Test
    void anotherAnalyzerTakesOverTheJobOfAKilledOneAndOneAnalysisIsStored() throws Exception {
        Path work = Files.createTempDirectory("drydock-crash");
        TestRegistry registry = TestRegistry.shared();
        TestImages.debian().push(registry, "crash/debian", "bookworm");
        // A slow registry (4 MB/s): the analyzer is still downloading the layer when it is killed.
        slowRegistry = new ThrottlingProxy(new java.net.InetSocketAddress("127.0.0.1",
                Integer.parseInt(registry.hostPort().substring(registry.hostPort().indexOf(':') + 1))), 4L << 20);
        Map<String, String> env = externalServers();
        List<String> common = List.of("--drydock.kafka.topic-prefix=" + PREFIX,
                "--drydock.registry.insecure-registries=" + slowRegistry.hostPort(),
                "--drydock.registry.allowed-networks=" + TestInfrastructure.LOOPBACK_NETWORKS);

        assertThat(runToEnd(List.of("migrate"), env, work.resolve("migrate.log"))).isZero();
        assertThat(runToEnd(List.of("init-topics", "--drydock.kafka.topic-prefix=" + PREFIX,
                "--drydock.kafka.replication-factor=1"), env, work.resolve("init-topics.log"))).isZero();

        int gatewayPort = DrydockLauncher.freePort();
        DrydockProcess gateway = start(List.of(), args(common, "service", "api-gateway", "--server.port=" + gatewayPort),
                env, work.resolve("gateway.log"));
        DrydockProcess doomed = start(List.of(), args(common, "service", "analyzer-worker", "--server.port=0",
                "--drydock.analyzer.lease=6s", "--drydock.analyzer.heartbeat=1s", "--drydock.analyzer.poll-interval=1s"),
                env, work.resolve("analyzer-a.log"));
        gateway.awaitHealthy(gatewayPort, ofMinutes(3));
        Api admin = new Api(gatewayPort, "admin", env.get("DRYDOCK_ADMIN_PASSWORD"));
        await("analyzer A ready").atMost(ofMinutes(4)).until(() -> Files.readString(work.resolve("analyzer-a.log"))
                .contains("Analyzer running up to"));

        Api.Response added = admin.post("/images", Map.of("tag", slowRegistry.hostPort() + "/crash/debian:bookworm"));
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        String digest = added.body().get(0).get("imageDigest").asString();
        await("analysis started by A").atMost(ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                .until(() -> "analyzing".equals(status(admin, digest)));
        doomed.kill9();
        assertThat(status(admin, digest)).as("killed mid-analysis").isEqualTo("analyzing");

        start(List.of(), args(common, "service", "analyzer-worker", "--server.port=0",
                "--drydock.analyzer.lease=6s", "--drydock.analyzer.heartbeat=1s", "--drydock.analyzer.poll-interval=1s"),
                env, work.resolve("analyzer-b.log"));

        await("analysed by B").atMost(ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(status(admin, digest)).isEqualTo("analyzed"));
        try (Connection db = TestPostgres.shared().dataSource().getConnection(); Statement statement = db.createStatement();
             ResultSet job = statement.executeQuery("select state, attempts, (select count(*) from analysis where image_digest = '"
                     + digest + "') from analysis_job where image_digest = '" + digest + "'")) {
            assertThat(job.next()).isTrue();
            assertThat(job.getString(1)).isEqualTo("succeeded");
            assertThat(job.getInt(2)).as("claimed by A, then taken over by B").isEqualTo(2);
            assertThat(job.getInt(3)).isEqualTo(1);
            assertThat(job.next()).as("one job for the digest").isFalse();
        }
        JsonNode packages = admin.get("/images/" + digest + "/content/os").body().get("content");
        assertThat(packages.size()).isGreaterThan(50);
    }

    private static String status(Api api, String digest) {
        return api.get("/images/" + digest).body().get(0).get("analysis_status").asString();
    }

    private static List<String> args(List<String> common, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(common);
        return all;
    }

    private DrydockProcess start(List<String> jvm, List<String> args, Map<String, String> env, Path log) throws Exception {
        DrydockProcess process = DrydockProcess.start(jvm, args, env, log);
        processes.add(process);
        return process;
    }

    private static int runToEnd(List<String> args, Map<String, String> env, Path log) throws Exception {
        String jar = System.getProperty("drydock.launcher.jar");
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar", jar));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(3, java.util.concurrent.TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException(args + " did not finish; log " + log);
        }
        return process.exitValue();
    }

    /** The shared test PostgreSQL and Kafka, passed as Spring Boot environment variables. */
    private static Map<String, String> externalServers() {
        Map<String, String> properties = TestInfrastructure.properties();
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", properties.get("spring.datasource.url"));
        env.put("SPRING_DATASOURCE_USERNAME", properties.get("spring.datasource.username"));
        env.put("SPRING_DATASOURCE_PASSWORD", properties.get("spring.datasource.password"));
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", properties.get("spring.kafka.bootstrap-servers"));
        env.put("DRYDOCK_ADMIN_PASSWORD", "crash-admin-password");
        // One key for every service of the deployment, as an operator would mount it.
        env.put("DRYDOCK_SECRET_KEY", SECRET_KEY);
        return env;
    }
}
