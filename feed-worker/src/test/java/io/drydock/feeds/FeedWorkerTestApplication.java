package io.drydock.feeds;

import io.drydock.platform.config.PlatformConfig;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** feed-worker as it runs on its own: the platform plus the worker's configuration. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({PlatformConfig.class, FeedWorkerConfig.class})
public class FeedWorkerTestApplication {
}
