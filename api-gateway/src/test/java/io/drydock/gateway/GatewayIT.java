package io.drydock.gateway;

import io.drydock.testkit.TestInfrastructure;
import io.drydock.testkit.TestPostgres;
import io.drydock.testkit.registry.TestRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Base of the gateway's integration tests: one application on a random port, on the JVM's shared PostgreSQL and
 * Kafka, resolving tags against the shared test registry. Each test starts without images, jobs, subscriptions or
 * events; accounts and users stay (the admin is created once per database).
 */
@SpringBootTest(classes = GatewayTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIT {

    /** One password for every gateway test class: the admin is created only on the first start against the database. */
    protected static final String ADMIN_PASSWORD = "admin-secret-for-tests";
    protected static final TestRegistry REGISTRY = TestRegistry.shared();
    /** A registry that demands basic auth, and one that demands tokens from a token service; both with this user. */
    protected static final String PRIVATE_USER = "ci-robot";
    protected static final String PRIVATE_PASSWORD = "F@o:Bar!x";
    protected static final TestRegistry BASIC_AUTH_REGISTRY = TestRegistry.startWithBasicAuth(PRIVATE_USER, PRIVATE_PASSWORD);
    protected static final TestRegistry TOKEN_AUTH_REGISTRY = TestRegistry.startWithTokenAuth(PRIVATE_USER, PRIVATE_PASSWORD);
    /** A key of this JVM's run: registry passwords are stored encrypted under it. */
    protected static final String SECRET_KEY = randomKey();
    /** A loopback port nothing listens on: a registry that cannot be reached. */
    protected static final String DEAD_REGISTRY = "127.0.0.1:" + unusedPort();
    /** The object store uploaded archives go to, one per test JVM. */
    protected static final java.nio.file.Path OBJECTS = tempDirectory("drydock-objects-");

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("DRYDOCK_ADMIN_PASSWORD", () -> ADMIN_PASSWORD);
        // The gateway as a distributed deployment runs it: it is not feed-worker or policy-worker, so its internal
        // calls go only to the instances a test registers (the default name, drydock, is the all-in-one's).
        registry.add("drydock.service-name", () -> "api-gateway");
        registry.add("drydock.registry.insecure-registries", () -> String.join(",", REGISTRY.hostPort(), DEAD_REGISTRY,
                BASIC_AUTH_REGISTRY.hostPort(), TOKEN_AUTH_REGISTRY.hostPort()));
        registry.add("DRYDOCK_SECRET_KEY", () -> SECRET_KEY);
        registry.add("drydock.registry.connect-timeout", () -> "2s");
        registry.add("drydock.object-store.directory", OBJECTS::toString);
        // The dead registry is retried; shorter waits keep its test quick (the attempts stay the default five).
        registry.add("drydock.registry.retry.initial-backoff", () -> "50ms");
    }

    @BeforeEach
    void emptyCatalog() {
        TestPostgres.shared().truncate("image", "image_tag", "analysis_job", "subscription", "event_log",
                "registry_credential");
    }

    protected ApiClient admin() {
        return new ApiClient(port, "admin", ADMIN_PASSWORD);
    }

    protected ApiClient as(String user, String password) {
        return new ApiClient(port, user, password);
    }

    private static java.nio.file.Path tempDirectory(String prefix) {
        try {
            return java.nio.file.Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static int unusedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
