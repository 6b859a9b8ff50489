package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2025-11-06T08:49:00Z");

    @Test
    void readsDeltaSeconds() {
        assertThat(RetryAfter.parse("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryAfter.parse(" 0 ", NOW)).contains(Duration.ZERO);
    }

    @Test
    void readsAnImfFixdateAsTheTimeUntilThen() {
        assertThat(RetryAfter.parse("Thu, 06 Nov 2025 08:49:37 GMT", NOW)).contains(Duration.ofSeconds(37));
    }

    @Test
    void readsTheObsoleteRfc850AndAsctimeDates() {
        Instant in1994 = Instant.parse("1994-11-06T08:49:00Z");
        assertThat(RetryAfter.parse("Sunday, 06-Nov-94 08:49:37 GMT", in1994)).contains(Duration.ofSeconds(37));
        assertThat(RetryAfter.parse("Sun Nov  6 08:49:37 1994", in1994)).contains(Duration.ofSeconds(37));
        assertThat(RetryAfter.parse("Wed Nov 16 08:49:37 1994", in1994)).contains(Duration.ofDays(10).plusSeconds(37));
    }

    @Test
    void takesADateInThePastAsNoWait() {
        assertThat(RetryAfter.parse("Wed, 05 Nov 2025 08:00:00 GMT", NOW)).contains(Duration.ZERO);
    }

    @Test
    void ignoresWhatItCannotRead() {
        assertThat(RetryAfter.parse(null, NOW)).isEmpty();
        assertThat(RetryAfter.parse("", NOW)).isEmpty();
        assertThat(RetryAfter.parse("soon", NOW)).isEmpty();
        assertThat(RetryAfter.parse("-5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("1.5", NOW)).isEmpty();
        assertThat(RetryAfter.parse("2025-11-06T08:50:00Z", NOW)).isEmpty();
    }

    @Test
    void takesAnAbsurdlyLongDelayAsLongerThanAnyCap() {
        assertThat(RetryAfter.parse("99999999999999999999999", NOW)).hasValueSatisfying(wait ->
                assertThat(wait).isGreaterThan(Duration.ofDays(365 * 1000)));
    }
}
