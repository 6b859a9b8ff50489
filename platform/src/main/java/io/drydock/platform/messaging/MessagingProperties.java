package io.drydock.platform.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Kafka settings of Drydock beyond Boot's {@code spring.kafka.*}.
 *
 * @param topicPrefix          prepended to every topic name, e.g. {@code prod.}; empty by default
 * @param verifyTopics         check at start that every topic a service uses exists, and refuse to start otherwise
 * @param transientRetryMax    the longest pause between retries of a transiently failing record (retried forever)
 * @param unexpectedRetries    how often a record failing with an unclassified error is retried before the dead-letter topic
 * @param parkedRetryInterval  how often an event of a newer schema version is retried (it is never dead-lettered)
 */
@ConfigurationProperties("drydock.kafka")
public record MessagingProperties(
        @DefaultValue("") String topicPrefix,
        @DefaultValue("true") boolean verifyTopics,
        @DefaultValue("60s") Duration transientRetryMax,
        @DefaultValue("5") int unexpectedRetries,
        @DefaultValue("30s") Duration parkedRetryInterval) {

    public String topic(String name) {
        return topicPrefix + name;
    }

    /** The catalog name of a prefixed topic. */
    public String unprefixed(String topic) {
        return topic.startsWith(topicPrefix) ? topic.substring(topicPrefix.length()) : topic;
    }
}
