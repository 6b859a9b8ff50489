package io.drydock.policy;

import io.drydock.testkit.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of policy-worker's integration tests: one context on the JVM's shared PostgreSQL and Kafka. */
@SpringBootTest(classes = PolicyWorkerTestApplication.class)
public abstract class PolicyWorkerIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }
}
