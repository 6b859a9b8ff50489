package io.drydock.gateway.web;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Anchore's API timestamps: ISO-8601 UTC, whole seconds, trailing {@code Z}. */
public final class ApiTime {

    private ApiTime() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
