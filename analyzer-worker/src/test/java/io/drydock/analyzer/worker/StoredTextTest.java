package io.drydock.analyzer.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class StoredTextTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void replacesNulInTextWithTheReplacementCharacter() {
        assertThat(StoredText.text("lib\0c6")).isEqualTo("lib\uFFFDc6");
        assertThat(StoredText.text(null)).isNull();
    }

    @Test
    void replacesNulEscapesInJsonButLeavesEscapedBackslashesBeforeU0000Alone() {
        // The second value is a backslash followed by the six characters u0000: text, not a NUL.
        String document = JSON.writeValueAsString(Map.of("a", "x\0y", "b", "\\u0000"));

        String stored = StoredText.json(document);

        Map<?, ?> read = JSON.readValue(stored, Map.class);
        assertThat(read.get("a")).isEqualTo("x\uFFFDy");
        assertThat(read.get("b")).isEqualTo("\\u0000");
    }
}
