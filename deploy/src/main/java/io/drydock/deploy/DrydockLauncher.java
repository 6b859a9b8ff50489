package io.drydock.deploy;

import io.drydock.catalog.CatalogConfig;
import io.drydock.feeds.FeedWorkerConfig;
import io.drydock.gateway.GatewayConfig;
import io.drydock.notifier.NotifierConfig;
import io.drydock.platform.config.PlatformConfig;
import io.drydock.platform.schema.Migrations;
import io.drydock.policy.PolicyWorkerConfig;
import io.drydock.analyzer.AnalyzerConfig;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

import javax.sql.DataSource;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code drydock} command.
 * <ul>
 *   <li>{@code run} — every service in this JVM on an embedded PostgreSQL and Kafka (data under
 *       {@code DRYDOCK_DATA_DIR}, default {@code .drydock-data}), API on port 8228;</li>
 *   <li>{@code migrate} — apply the database migrations to the configured PostgreSQL, then exit;</li>
 *   <li>{@code init-topics} — create the topics in the configured Kafka cluster, then exit;</li>
 *   <li>{@code service NAME} — one service alone against the configured PostgreSQL and Kafka
 *       ({@code SPRING_DATASOURCE_URL}, {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, …).</li>
 * </ul>
 */
public final class DrydockLauncher {

    private static final Logger log = LoggerFactory.getLogger(DrydockLauncher.class);

    static final Map<String, Class<?>> SERVICES = new LinkedHashMap<>();
    static final Map<String, Integer> PORTS = Map.of("api-gateway", 8228, "analyzer-worker", 8229,
            "policy-worker", 8230, "feed-worker", 8231, "notifier", 8232, "catalog-worker", 8233);

    static {
        SERVICES.put("api-gateway", GatewayConfig.class);
        SERVICES.put("analyzer-worker", AnalyzerConfig.class);
        SERVICES.put("policy-worker", PolicyWorkerConfig.class);
        SERVICES.put("feed-worker", FeedWorkerConfig.class);
        SERVICES.put("notifier", NotifierConfig.class);
        SERVICES.put("catalog-worker", CatalogConfig.class);
    }

    /** Spring Boot's auto-configuration plus the platform every service runs on. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import(PlatformConfig.class)
    static class Base {
    }

    private DrydockLauncher() {
    }

    public static void main(String[] args) throws Exception {
        String command = args.length == 0 ? "run" : args[0];
        switch (command) {
            case "run" -> runAllInOne(args);
            case "migrate" -> migrate(args);
            case "init-topics" -> initTopics(args);
            case "service" -> {
                if (args.length < 2 || !SERVICES.containsKey(args[1])) {
                    usage("service needs one of " + SERVICES.keySet());
                }
                runService(args[1], args);
            }
            default -> usage("unknown command " + command);
        }
    }

    private static void usage(String problem) {
        System.err.println("drydock: " + problem);
        System.err.println("usage: drydock run | migrate | init-topics | service " + String.join("|", SERVICES.keySet()));
        System.exit(2);
    }

    static ConfigurableApplicationContext runAllInOne(String[] args) throws Exception {
        Path dataDir = Path.of(System.getenv().getOrDefault("DRYDOCK_DATA_DIR", ".drydock-data")).toAbsolutePath();
        Files.createDirectories(dataDir);
        log.info("Drydock all-in-one; data under {}", dataDir);
        StalePostgres.stopLeftover(dataDir.resolve("postgres"));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir.resolve("postgres"))
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(Files.createDirectories(dataDir.resolve("postgres-runtime")).toFile())
                .setPort(port("DRYDOCK_POSTGRES_PORT"))
                // The embedded server defaults suit throw-away test databases (no fsync); this one holds the data.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .start();
        EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDir.resolve("kafka"), port("DRYDOCK_KAFKA_PORT"), freePort());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            TopicPlan.apply(admin, System.getenv().getOrDefault("DRYDOCK_KAFKA_TOPIC_PREFIX", ""), (short) 1);
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
        properties.put("spring.datasource.username", "postgres");
        properties.put("spring.datasource.password", "postgres");
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("drydock.schema.migrate", "true");
        properties.put("server.port", "8228");
        properties.put("drydock.service-name", "drydock");
        properties.put("drydock.object-store.directory", dataDir.resolve("objects").toString());
        // Zero configuration: registry passwords are encrypted under a key generated here on first start (0600) and
        // kept with the data it protects; DRYDOCK_SECRET_KEY or --drydock.secrets.key-file take precedence (ADR 12).
        properties.put("drydock.secrets.key-file", dataDir.resolve("secret.key").toString());
        properties.put("drydock.secrets.create-key-file", "true");
        SpringApplicationBuilder builder = new SpringApplicationBuilder(Base.class)
                .sources(SERVICES.values().toArray(Class<?>[]::new))
                .properties(properties);
        ConfigurableApplicationContext context = builder.run(args);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            kafka.close();
            try {
                postgres.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
            }
        }, "drydock-shutdown"));
        log.info("Drydock is up: API on http://127.0.0.1:{}/v1", context.getEnvironment().getProperty("local.server.port", "8228"));
        return context;
    }

    private static void runService(String name, String[] args) {
        new SpringApplicationBuilder(Base.class)
                .sources(SERVICES.get(name))
                .properties(Map.of("drydock.service-name", name, "server.port", PORTS.get(name)))
                .run(args);
    }

    private static void migrate(String[] args) {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Base.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("drydock.schema.check", "false", "drydock.kafka.verify-topics", "false",
                        "drydock.outbox.enabled", "false", "spring.main.lazy-initialization", "true"))
                .run(args)) {
            Migrations.migrate(context.getBean(DataSource.class));
            log.info("Database migrated; pending change sets: {}", Migrations.pending(context.getBean(DataSource.class)));
        }
    }

    private static void initTopics(String[] args) throws Exception {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Base.class)
                .web(WebApplicationType.NONE)
                .properties(Map.of("drydock.schema.check", "false", "drydock.kafka.verify-topics", "false",
                        "drydock.outbox.enabled", "false", "spring.main.lazy-initialization", "true"))
                .run(args)) {
            Environment env = context.getEnvironment();
            String servers = env.getProperty("spring.kafka.bootstrap-servers", "localhost:9092");
            short replication = Short.parseShort(env.getProperty("drydock.kafka.replication-factor", "3"));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
                TopicPlan.apply(admin, env.getProperty("drydock.kafka.topic-prefix", ""), replication);
            }
        }
    }

    /** A fixed port from the environment (to reach the embedded servers from outside), or a free one. */
    private static int port(String variable) throws IOException {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? freePort() : Integer.parseInt(value.trim());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
