package io.drydock.policy.gate;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Python's {@code str()} of the few values Anchore interpolates into trigger messages and descriptions. Trigger ids
 * are md5 sums of those messages, so existing allowlists only keep matching if the text is byte-identical.
 */
public final class PyFormat {
    private PyFormat() {}

    /** {@code str(['a', 'b'])} → {@code ['a', 'b']}. */
    public static String list(List<String> values) {
        return values.stream().map(PyFormat::quoted).collect(Collectors.joining(", ", "[", "]"));
    }

    /** {@code repr(str)}: single quotes unless the text holds a single quote and no double quote. */
    static String quoted(String value) {
        if (value.contains("'") && !value.contains("\"")) {
            return "\"" + value.replace("\\", "\\\\") + "\"";
        }
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** {@code str(float)} for the CVSS scores we print (one decimal place in practice). */
    public static String decimal(double value) {
        return Double.toString(value);
    }
}
