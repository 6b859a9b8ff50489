package io.drydock.platform.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link RegistryClient} retries what may succeed a moment later: {@code 408}, {@code 429}, {@code 500},
 * {@code 502}, {@code 503}, {@code 504} and failed connections, and blob downloads cut off mid-stream.
 *
 * @param maxAttempts       attempts per request, the first included; 1 turns retrying off
 * @param initialBackoff    the wait after the first failure when the registry names none; doubled after each one
 * @param maxBackoff        the longest single wait, also for a registry's {@code Retry-After}
 * @param maxTotalWait      the longest time one request may spend being retried, counted from its first attempt; a
 *                          wait that would overrun it is not started and the request fails at once
 * @param maxResumeAttempts how often one blob download may be resumed after its connection broke
 */
public record RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff, Duration maxTotalWait,
                          int maxResumeAttempts) {

    /**
     * Five attempts up to 1, 2, 4, 8 s apart (the lower half of each wait is fixed, the upper half random), no wait
     * over 30 s, a minute in all: long enough to ride out a registry restart or a throttling window, short enough that
     * an API caller still gets an answer.
     */
    public static final RetryPolicy DEFAULTS =
            new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(60), 3);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, not " + maxAttempts);
        }
        if (maxResumeAttempts < 0) {
            throw new IllegalArgumentException("maxResumeAttempts must not be negative, not " + maxResumeAttempts);
        }
        requireNotNegative(initialBackoff, "initialBackoff");
        requireNotNegative(maxBackoff, "maxBackoff");
        requireNotNegative(maxTotalWait, "maxTotalWait");
    }

    /** Never retries: every failure is reported as it happens. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);
    }

    /**
     * The wait before the next attempt after {@code failures} failed ones: what the registry asked for, capped at
     * {@link #maxBackoff}, otherwise exponential back-off with "equal jitter" — half of the step fixed, half random —
     * so that many clients throttled together do not come back together, yet each one does wait.
     *
     * @param retryAfter the registry's {@code Retry-After}, if it sent one
     * @param random     a number in [0, 1)
     */
    Duration backoff(int failures, Optional<Duration> retryAfter, double random) {
        if (retryAfter.isPresent()) {
            return min(retryAfter.get(), maxBackoff);
        }
        // 2^(failures-1), without overflowing for absurd attempt counts
        long factor = 1L << Math.min(Math.max(failures - 1, 0), 30);
        Duration step = min(saturatedMultiply(initialBackoff, factor), maxBackoff);
        Duration half = step.dividedBy(2);
        return half.plus(Duration.ofNanos((long) (step.minus(half).toNanos() * random)));
    }

    private static Duration saturatedMultiply(Duration duration, long factor) {
        try {
            return duration.multipliedBy(factor);
        } catch (ArithmeticException e) {
            return Duration.ofSeconds(Long.MAX_VALUE);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void requireNotNegative(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, not " + duration);
        }
    }
}
