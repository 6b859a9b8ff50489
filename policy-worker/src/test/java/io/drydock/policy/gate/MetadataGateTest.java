package io.drydock.policy.gate;

import static io.drydock.policy.gate.GateHarness.fire;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetadataGateTest {
    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final ImageFacts IMAGE = TestImages.debian().size(2L * 1024 * 1024 * 1024).layers(12).build();

    private static List<String> check(String attribute, String check, String value) {
        Map<String, String> params = value == null ? Map.of("attribute", attribute, "check", check)
                : Map.of("attribute", attribute, "check", check, "value", value);
        return fire("metadata", "attribute", params, IMAGE, NOW).stream().map(TriggerMatch::message).toList();
    }

    @Test
    void comparesSizeWithUnits() {
        assertThat(check("size", ">", "1gb")).containsExactly("Attribute check for attribute: 'size' check: '>' "
                + "check_value: '1073741824' matched image value: '2147483648'");
        assertThat(check("size", ">", "3gb")).isEmpty();
        assertThat(check("size", "<=", "2048mb")).hasSize(1);
        assertThat(check("size", "=", "2147483648")).hasSize(1);
        assertThat(check("size", ">=", "1tb")).isEmpty();
        assertThat(check("size", ">", "512kb")).hasSize(1);
    }

    @Test
    void comparesLayerCountAndStrings() {
        assertThat(check("layer_count", ">", "10")).hasSize(1);
        assertThat(check("layer_count", "<", "10")).isEmpty();
        assertThat(check("distro", "=", "debian")).containsExactly("Attribute check for attribute: 'distro' check: '=' "
                + "check_value: 'debian' matched image value: 'debian'");
        assertThat(check("architecture", "in", "arm64, amd64")).hasSize(1);
        assertThat(check("architecture", "not_in", "arm64")).hasSize(1);
        assertThat(check("distro_version", "like", "1[0-9]")).hasSize(1);
        assertThat(check("distro", "not_like", "deb")).isEmpty();
    }

    @Test
    void existenceChecksPrintLikeAnchore() {
        assertThat(check("os_type", "exists", null)).containsExactly("Attribute check for attribute: 'os_type' "
                + "check: 'exists' check_value: 'None' matched image value: 'linux'");
        assertThat(check("os_type", "not_exists", null)).isEmpty();
    }
}
