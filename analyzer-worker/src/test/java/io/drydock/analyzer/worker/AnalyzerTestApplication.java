package io.drydock.analyzer.worker;

import io.drydock.analyzer.AnalyzerConfig;
import io.drydock.platform.config.PlatformConfig;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/** The analyzer as it runs as a service: the platform plus the worker. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({PlatformConfig.class, AnalyzerConfig.class})
public class AnalyzerTestApplication {
}
