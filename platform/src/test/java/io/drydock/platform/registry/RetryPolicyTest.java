package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofSeconds(60), 3);

    @Test
    void doublesTheWaitAfterEachFailureWithHalfOfItJittered() {
        for (int failures = 1; failures <= 4; failures++) {
            Duration step = Duration.ofSeconds(1L << (failures - 1));
            assertThat(policy.backoff(failures, Optional.empty(), 0.0)).as("least after %d", failures)
                    .isEqualTo(step.dividedBy(2));
            assertThat(policy.backoff(failures, Optional.empty(), 0.999_999)).as("most after %d", failures)
                    .isLessThan(step).isGreaterThan(step.multipliedBy(99).dividedBy(100));
        }
        assertThat(policy.backoff(2, Optional.empty(), 0.5)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void capsTheWaitAtTheMaximumBackoff() {
        assertThat(policy.backoff(5, Optional.empty(), 0.0)).isEqualTo(Duration.ofSeconds(5));
        assertThat(policy.backoff(5, Optional.empty(), 0.999_999)).isLessThanOrEqualTo(Duration.ofSeconds(10));
        assertThat(policy.backoff(1_000, Optional.empty(), 0.999_999)).isLessThanOrEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void waitsAsLongAsTheRegistryAsksUpToTheMaximum() {
        assertThat(policy.backoff(1, Optional.of(Duration.ofSeconds(7)), 0.3)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.backoff(3, Optional.of(Duration.ZERO), 0.3)).isEqualTo(Duration.ZERO);
        assertThat(policy.backoff(1, Optional.of(Duration.ofHours(1)), 0.3)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void hasSensibleDefaults() {
        assertThat(RetryPolicy.DEFAULTS.maxAttempts()).isEqualTo(5);
        assertThat(RetryPolicy.DEFAULTS.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
        assertThat(RetryPolicy.none().maxResumeAttempts()).isZero();
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO, 0))
                .hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, -1))
                .hasMessageContaining("maxResumeAttempts");
    }
}
