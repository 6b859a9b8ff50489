package io.drydock.schemas.events;

import java.util.List;
import java.util.Optional;

/**
 * The one topic catalog. Names here are without the optional prefix ({@code drydock.kafka.topic-prefix}); listeners
 * use {@link #PREFIX} + name so that the prefix applies everywhere. Partitions and retention are declared in
 * {@code deploy/}.
 */
public final class Topics {

    /** Placeholder resolved by Spring in listener annotations: the configured topic prefix, empty by default. */
    public static final String PREFIX = "${drydock.kafka.topic-prefix:}";
    /** Suffix of every dead-letter topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    public static final String IMAGE_ADDED = "image-added";
    public static final String ANALYSIS_COMPLETE = "analysis-complete";
    public static final String FEED_UPDATED = "feed-updated";
    public static final String EVALUATION_CHANGED = "evaluation-changed";

    public static final EventTopic<ImageAdded> IMAGE_ADDED_TOPIC = new EventTopic<>(IMAGE_ADDED, ImageAdded.class, 1);
    public static final EventTopic<AnalysisComplete> ANALYSIS_COMPLETE_TOPIC =
            new EventTopic<>(ANALYSIS_COMPLETE, AnalysisComplete.class, 1);
    public static final EventTopic<FeedUpdated> FEED_UPDATED_TOPIC = new EventTopic<>(FEED_UPDATED, FeedUpdated.class, 1);
    public static final EventTopic<EvaluationChanged> EVALUATION_CHANGED_TOPIC =
            new EventTopic<>(EVALUATION_CHANGED, EvaluationChanged.class, 1);

    /** Every topic of the catalog. */
    public static final List<EventTopic<?>> ALL =
            List.of(IMAGE_ADDED_TOPIC, ANALYSIS_COMPLETE_TOPIC, FEED_UPDATED_TOPIC, EVALUATION_CHANGED_TOPIC);

    private Topics() {
    }

    /** The catalog entry for a topic name, prefix already removed. */
    public static Optional<EventTopic<?>> byName(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
