package io.drydock.testkit;

import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Points a Spring test context at the shared PostgreSQL and Kafka of this JVM, and lets its registry client reach the
 * test registries, which all listen on loopback:
 * {@code @DynamicPropertySource static void infra(DynamicPropertyRegistry r) { TestInfrastructure.register(r); }}
 */
public final class TestInfrastructure {

    /**
     * The loopback networks, for {@code drydock.registry.allowed-networks}: every server a test starts is on loopback,
     * which the registry client otherwise refuses (ADR 11). A test that starts Drydock as a process passes it itself.
     */
    public static final String LOOPBACK_NETWORKS = "127.0.0.0/8,::1/128";

    private TestInfrastructure() {
    }

    /**
     * A secret key for this JVM's test contexts: api-gateway and analyzer-worker refuse to start without one (ADR 12).
     * A test that needs a particular key registers its own after this.
     */
    private static final String SECRET_KEY = randomKey();

    public static void register(DynamicPropertyRegistry registry) {
        properties().forEach((key, value) -> registry.add(key, () -> value));
        registry.add("DRYDOCK_SECRET_KEY", () -> SECRET_KEY);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new java.security.SecureRandom().nextBytes(key);
        return java.util.Base64.getEncoder().encodeToString(key);
    }

    /** The properties as a map, e.g. to start a separate process against the same servers. */
    public static Map<String, String> properties() {
        TestPostgres postgres = TestPostgres.shared();
        TestKafka kafka = TestKafka.shared();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", postgres.jdbcUrl());
        properties.put("spring.datasource.username", postgres.username());
        properties.put("spring.datasource.password", postgres.password());
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("drydock.schema.migrate", "true");
        // Tests reach loopback servers directly whatever proxy the machine's environment names; a test of proxying
        // sets drydock.proxy.* itself.
        properties.put("drydock.proxy.https", "");
        properties.put("drydock.proxy.http", "");
        properties.put("drydock.registry.allowed-networks", LOOPBACK_NETWORKS);
        return properties;
    }
}
