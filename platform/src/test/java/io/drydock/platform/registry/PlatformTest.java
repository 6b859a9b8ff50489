package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PlatformTest {

    @ParameterizedTest(name = "{0} accepts {1}: {2}")
    @CsvSource(textBlock = """
            linux/amd64,      linux/amd64,      true
            linux/amd64,      linux/amd64/v3,   true
            linux/amd64,      windows/amd64,    false
            linux/amd64,      linux/arm64,      false
            linux/arm64,      linux/arm64/v8,   true
            linux/arm64/v8,   linux/arm64,      true
            linux/arm64/v8,   linux/arm64/v8,   true
            linux/arm/v7,     linux/arm/v6,     false
            linux/arm/v7,     linux/arm/v7,     true
            linux/arm,        linux/arm/v6,     true
            linux/arm/v7,     linux/arm,        false
            linux/x86_64,     linux/amd64,      true
            linux/arm64,      linux/aarch64,    true
            Linux/AMD64,      linux/amd64,      true
            """)
    void matchesIndexEntries(String wanted, String candidate, boolean accepted) {
        assertThat(Platform.parse(wanted).accepts(Platform.parse(candidate))).isEqualTo(accepted);
    }

    @Test
    void printsOsArchitectureAndVariant() {
        assertThat(Platform.parse("linux/arm64/v8")).hasToString("linux/arm64/v8");
        assertThat(Platform.LINUX_AMD64).hasToString("linux/amd64");
    }

    @Test
    void rejectsMalformedPlatforms() {
        assertThatThrownBy(() -> Platform.parse("linux")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Platform.parse("linux/arm/v7/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Platform.parse("/amd64")).isInstanceOf(IllegalArgumentException.class);
    }
}
