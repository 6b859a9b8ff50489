package io.drydock.notifier;

import io.drydock.platform.config.PlatformConfig;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The notifier as it runs on its own: the platform plus the notifier's configuration. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({PlatformConfig.class, NotifierConfig.class})
public class NotifierTestApplication {
}
