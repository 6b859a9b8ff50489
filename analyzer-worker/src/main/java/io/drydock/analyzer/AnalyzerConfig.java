package io.drydock.analyzer;

import io.drydock.analyzer.worker.AnalyzerProperties;
import io.drydock.platform.messaging.RequiredTopics;
import io.drydock.platform.secrets.SecretCipher;
import org.springframework.beans.factory.InitializingBean;
import io.drydock.schemas.events.Topics;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** analyzer-worker: claims analysis jobs, pulls and analyses images, stores the results. Scale out freely. */
@Configuration(proxyBeanMethods = false)
@ComponentScan({"io.drydock.analyzer.worker", "io.drydock.analyzer.messaging"})
@EnableConfigurationProperties(AnalyzerProperties.class)
public class AnalyzerConfig {

    /** Pulls use the accounts' stored registry credentials, so the analyzer refuses to start without their key. */
    @Bean
    InitializingBean analyzerSecretKeyCheck(SecretCipher cipher) {
        return () -> cipher.requireKey("analyzer-worker (it decrypts registry passwords to pull images)");
    }

    @Bean
    RequiredTopics analyzerTopics() {
        return new RequiredTopics("analyzer-worker", List.of(Topics.IMAGE_ADDED, Topics.ANALYSIS_COMPLETE));
    }
}
