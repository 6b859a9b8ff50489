package io.drydock.deploy;

import io.drydock.testkit.TestInfrastructure;
import io.drydock.testkit.TestPostgres;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.time.Duration.ofMinutes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no {@code DRYDOCK_ADMIN_PASSWORD} on first start, the admin password is generated, stored hashed and printed
 * once; there is no built-in default, and a restart neither prints nor changes it.
 */
class AdminBootstrapIT {

    private static final Pattern PRINTED = Pattern.compile("Password \\(shown only this once\\):\\s+(\\S+)");

    @Test
    void generatesTheAdminPasswordOnFirstStartPrintsItOnceAndKeepsIt() throws Exception {
        Path work = Files.createTempDirectory("drydock-admin");
        Map<String, String> env = freshDatabase();
        int port = DrydockLauncher.freePort();
        List<String> args = List.of("service", "api-gateway", "--server.port=" + port, "--drydock.kafka.topic-prefix=");

        String password;
        try (DrydockProcess first = DrydockProcess.start(List.of(), args, env, work.resolve("first.log"))) {
            first.awaitHealthy(port, ofMinutes(3));
            Matcher printed = PRINTED.matcher(Files.readString(work.resolve("first.log")));
            assertThat(printed.find()).as("password printed on first start").isTrue();
            password = printed.group(1);
            assertThat(new Api(port, "admin", password).get("/images").status()).isEqualTo(200);
            assertThat(new Api(port, "admin", "foobar").get("/images").status()).as("no built-in default").isEqualTo(401);
        }
        try (Connection db = java.sql.DriverManager.getConnection(env.get("SPRING_DATASOURCE_URL"),
                env.get("SPRING_DATASOURCE_USERNAME"), env.get("SPRING_DATASOURCE_PASSWORD"));
             Statement statement = db.createStatement();
             var rows = statement.executeQuery("select password_hash from app_user where username = 'admin'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).as("stored hashed").startsWith("$2").doesNotContain(password);
        }

        try (DrydockProcess second = DrydockProcess.start(List.of(), args, env, work.resolve("second.log"))) {
            second.awaitHealthy(port, ofMinutes(3));
            assertThat(Files.readString(work.resolve("second.log"))).doesNotContain("shown only this once");
            assertThat(new Api(port, "admin", password).get("/images").status()).isEqualTo(200);
        }
    }

    @Test
    void aDistributedGatewayWithoutASecretKeyRefusesToStartAndSaysWhatToSet() throws Exception {
        Path work = Files.createTempDirectory("drydock-nokey");
        Map<String, String> env = freshDatabase();
        env.remove("DRYDOCK_SECRET_KEY");
        int port = DrydockLauncher.freePort();
        List<String> args = List.of("service", "api-gateway", "--server.port=" + port, "--drydock.kafka.topic-prefix=");

        try (DrydockProcess gateway = DrydockProcess.start(List.of(), args, env, work.resolve("gateway.log"))) {
            assertThat(gateway.awaitExit(ofMinutes(3))).isNotZero();
            assertThat(Files.readString(work.resolve("gateway.log")))
                    .contains("api-gateway (it stores registry passwords encrypted) needs a secret key and none is configured")
                    .contains("DRYDOCK_SECRET_KEY")
                    .contains("drydock.secrets.key-file");
        }
    }

    /** A new, empty database on the shared test server, so the admin does not exist yet. */
    private static Map<String, String> freshDatabase() throws Exception {
        TestPostgres postgres = TestPostgres.shared();
        String name = "admin_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection connection = postgres.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("create database " + name);
        }
        Map<String, String> properties = TestInfrastructure.properties();
        Map<String, String> env = new HashMap<>();
        env.put("SPRING_DATASOURCE_URL", postgres.jdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1"));
        env.put("SPRING_DATASOURCE_USERNAME", postgres.username());
        env.put("SPRING_DATASOURCE_PASSWORD", postgres.password());
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", properties.get("spring.kafka.bootstrap-servers"));
        // The service refuses an unmigrated database; a fresh install runs 'drydock migrate' first.
        env.put("DRYDOCK_SCHEMA_MIGRATE", "true");
        env.put("DRYDOCK_SECRET_KEY", DrydockProcess.randomSecretKey());
        return env;
    }
}
