package io.drydock.platform.messaging;

import io.drydock.schemas.events.EventMetadata;
import io.drydock.schemas.events.EventTopic;

import java.time.Clock;
import java.util.UUID;

/** Builds event metadata: a time-ordered UUIDv7 id, the topic's type and schema version, the time from the clock. */
public final class Events {

    private Events() {
    }

    public static EventMetadata metadata(EventTopic<?> topic, Clock clock, String account) {
        return new EventMetadata(UuidV7.next(clock), topic.name(), topic.schemaVersion(), clock.instant(), account);
    }

    /** UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits; sorts by creation time. */
    public static final class UuidV7 {
        private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

        private UuidV7() {
        }

        public static UUID next(Clock clock) {
            return at(clock.instant());
        }

        public static UUID at(java.time.Instant time) {
            long millis = time.toEpochMilli();
            long randA = RANDOM.nextInt(1 << 12);
            long msb = (millis << 16) | (0x7L << 12) | randA;
            long lsb = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb);
        }
    }
}
