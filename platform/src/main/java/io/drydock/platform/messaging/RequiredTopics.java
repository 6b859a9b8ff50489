package io.drydock.platform.messaging;

import java.util.List;

/**
 * Topics (catalog names, without prefix) one service consumes or produces. Each service declares one bean; the
 * {@link TopicVerifier} checks all of them at start.
 */
public record RequiredTopics(String service, List<String> topics) {
}
