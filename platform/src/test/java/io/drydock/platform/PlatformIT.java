package io.drydock.platform;

import io.drydock.testkit.TestInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Base of the platform's integration tests: one Spring context on the JVM's shared PostgreSQL and Kafka. */
@SpringBootTest(classes = {PlatformTestApplication.class, MessagingTestListeners.class})
public abstract class PlatformIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }
}
