package io.drydock.platform;

import io.drydock.platform.config.PlatformConfig;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The platform alone, as every service runs it. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(PlatformConfig.class)
public class PlatformTestApplication {
}
