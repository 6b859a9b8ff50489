package io.drydock.deploy;

import io.drydock.schemas.events.EventTopic;
import io.drydock.schemas.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Where partitions and retention of every topic are declared, once. Partitions bound how many instances of a worker
 * consume in parallel; image events are keyed by digest, so more partitions spread images over more workers.
 */
final class TopicPlan {

    private static final Logger log = LoggerFactory.getLogger(TopicPlan.class);

    record Declaration(String name, int partitions, Duration retention) {
    }

    private static final Map<String, Integer> PARTITIONS = Map.of(
            Topics.IMAGE_ADDED, 12,
            Topics.ANALYSIS_COMPLETE, 12,
            Topics.FEED_UPDATED, 3,
            Topics.EVALUATION_CHANGED, 12);
    private static final Duration RETENTION = Duration.ofDays(7);
    /** Dead letters wait for a person: kept longer, one partition is plenty. */
    private static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    private TopicPlan() {
    }

    static List<Declaration> declarations(String prefix) {
        List<Declaration> declarations = new ArrayList<>();
        for (EventTopic<?> topic : Topics.ALL) {
            declarations.add(new Declaration(prefix + topic.name(), PARTITIONS.get(topic.name()), RETENTION));
            declarations.add(new Declaration(prefix + topic.deadLetterName(), 1, DEAD_LETTER_RETENTION));
        }
        return declarations;
    }

    /** Creates the topics that do not exist; existing ones are left as they are. */
    static void apply(Admin admin, String prefix, short replicationFactor) throws Exception {
        Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
        List<NewTopic> missing = new ArrayList<>();
        for (Declaration declaration : declarations(prefix)) {
            if (!existing.contains(declaration.name())) {
                missing.add(new NewTopic(declaration.name(), declaration.partitions(), replicationFactor)
                        .configs(Map.of("retention.ms", String.valueOf(declaration.retention().toMillis()))));
            }
        }
        if (!missing.isEmpty()) {
            admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
            log.info("Created topics {}", missing.stream().map(NewTopic::name).toList());
        }
    }
}
