package io.drydock.platform.messaging;

import io.drydock.platform.PlatformIT;
import io.drydock.schemas.events.Topics;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicVerifierIT extends PlatformIT {

    @Autowired
    KafkaProperties kafka;

    @Test
    void refusesToStartWhenATopicIsMissingAndNamesTheCommandThatCreatesIt() {
        MessagingProperties prefixed = new MessagingProperties("not-created.", true, Duration.ofSeconds(60), 5,
                Duration.ofSeconds(30));
        TopicVerifier verifier = new TopicVerifier(kafka, prefixed,
                List.of(new RequiredTopics("analyzer-worker", List.of(Topics.IMAGE_ADDED))));

        assertThatThrownBy(verifier::afterSingletonsInstantiated)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not-created.image-added")
                .hasMessageContaining("drydock init-topics");
    }

    @Test
    void startsWhenEveryTopicAndItsDeadLetterTopicExist() {
        MessagingProperties plain = new MessagingProperties("", true, Duration.ofSeconds(60), 5, Duration.ofSeconds(30));
        TopicVerifier verifier = new TopicVerifier(kafka, plain,
                List.of(new RequiredTopics("policy-worker", List.of(Topics.ANALYSIS_COMPLETE, Topics.EVALUATION_CHANGED))));

        assertThatCode(verifier::afterSingletonsInstantiated).doesNotThrowAnyException();
    }
}
