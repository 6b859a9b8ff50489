package io.drydock.analyzer.image;

import java.util.List;

/**
 * The config's {@code Healthcheck}; durations in nanoseconds as the config stores them, null when unset.
 *
 * @param test {@code ["CMD-SHELL", "curl -f http://localhost/"]}, {@code ["CMD", …]} or {@code ["NONE"]}
 */
public record Healthcheck(List<String> test, Long interval, Long timeout, Long startPeriod, Integer retries) {

    public Healthcheck {
        test = test == null ? List.of() : List.copyOf(test);
    }
}
