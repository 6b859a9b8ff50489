package io.drydock.gateway;

import io.drydock.platform.config.PlatformConfig;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The gateway as it runs as a service: the platform plus the API. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({PlatformConfig.class, GatewayConfig.class})
public class GatewayTestApplication {
}
