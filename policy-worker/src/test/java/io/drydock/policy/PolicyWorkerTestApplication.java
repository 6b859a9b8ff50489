package io.drydock.policy;

import io.drydock.platform.config.PlatformConfig;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** policy-worker as it runs on its own: the platform plus the worker's configuration. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({PlatformConfig.class, PolicyWorkerConfig.class})
public class PolicyWorkerTestApplication {
}
