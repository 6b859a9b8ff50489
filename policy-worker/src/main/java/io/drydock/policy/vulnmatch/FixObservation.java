package io.drydock.policy.vulnmatch;

import java.time.Instant;

/** When feed-worker first saw a fix version for (record, matching key). */
record FixObservation(String vulnId, String matchKey, String fixVersion, Instant firstObservedAt) {
}
