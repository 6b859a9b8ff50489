package io.drydock.policy;

import io.drydock.platform.messaging.RequiredTopics;
import io.drydock.policy.evaluation.PolicyEngine;
import io.drydock.schemas.events.Topics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** policy-worker: evaluates policy bundles (and, with feed data, vulnerabilities) when analyses or data change. */
@Configuration(proxyBeanMethods = false)
@ComponentScan("io.drydock.policy")
public class PolicyWorkerConfig {

    @Bean
    RequiredTopics policyTopics() {
        return new RequiredTopics("policy-worker", List.of(Topics.IMAGE_ADDED, Topics.ANALYSIS_COMPLETE, Topics.FEED_UPDATED,
                Topics.EVALUATION_CHANGED));
    }

    @Bean
    PolicyEngine policyEngine() {
        return new PolicyEngine();
    }
}
