package io.drydock.policy.gate;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** A rule's parameter values after validation, keyed by canonical parameter name, with Anchore's conversions. */
public record RuleParams(Map<String, String> values) {
    public RuleParams {
        values = Map.copyOf(values);
    }

    public static RuleParams of(Map<String, String> values) {
        return new RuleParams(values);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public String string(String name) {
        return values.get(name);
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Null when unset; Anchore treats an empty string as unset too. */
    public Boolean bool(String name) {
        String value = values.get(name);
        return value == null || value.isEmpty() ? null : value.equalsIgnoreCase("true");
    }

    public Integer integer(String name) {
        String value = values.get(name);
        return value == null ? null : Integer.valueOf(value.strip());
    }

    public Double decimal(String name) {
        String value = values.get(name);
        return value == null ? null : Double.valueOf(value.strip());
    }

    /** Anchore's {@code delim_parser}: strip, split on commas, strip each item (empty items are kept). */
    public List<String> list(String name) {
        String value = values.get(name);
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(value.strip().split(",", -1)).map(String::strip).toList();
    }
}
