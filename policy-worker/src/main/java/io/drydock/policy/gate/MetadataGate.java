package io.drydock.policy.gate;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/** Checks against image metadata such as size, OS, distro, architecture. */
final class MetadataGate {
    private static final List<String> CHECKS = List.of("=", "!=", ">", "<", ">=", "<=", "exists", "not_exists", "like",
            "not_like", "in", "not_in");
    private static final List<String> CHECKS_WITHOUT_VALUE = List.of("exists", "not_exists");
    private static final ParamValidator SIZE = ParamValidator.matching("^[0-9]+([kmgt]b)?$");
    private static final ParamValidator INTEGER = ParamValidator.integerString();
    private static final ParamValidator STRING = ParamValidator.string();

    /** Attribute name → how to read it; numeric attributes return a Long. */
    private static final Map<String, Function<ImageFacts, Object>> ATTRIBUTES = Map.of(
            "size", ImageFacts::imageSize,
            "architecture", ImageFacts::arch,
            "os_type", ImageFacts::osType,
            "distro", ImageFacts::distro,
            "distro_version", ImageFacts::distroVersion,
            "like_distro", ImageFacts::likeDistro,
            "layer_count", image -> (long) image.layerCount());
    private static final List<String> ATTRIBUTE_NAMES = List.of("size", "architecture", "os_type", "distro",
            "distro_version", "like_distro", "layer_count");

    private MetadataGate() {}

    static Gate<Void> create() {
        List<TriggerParam> params = List.of(
                TriggerParam.required("attribute", "Attribute name to be checked.", "size",
                        ParamValidator.enumString(ATTRIBUTE_NAMES)),
                TriggerParam.required("check", "The operation to perform the evaluation.", ">",
                        ParamValidator.enumString(CHECKS)),
                TriggerParam.optional("value", "Value used in comparison.", "1073741824",
                        ParamValidator.linked(List.of(SIZE, INTEGER, STRING))));
        Trigger<Void> attribute = Trigger.<Void>active("attribute",
                        "Triggers if a named image metadata value matches the given condition.", params,
                        MetadataGate::evaluate)
                .withCrossCheck(MetadataGate::valueFitsAttribute);
        return Gate.active("metadata", "Checks against image metadata, such as size, OS, distro, architecture, etc.",
                image -> null, List.of(attribute));
    }

    private static List<String> valueFitsAttribute(RuleParams params) {
        String value = params.string("value");
        if (value == null) {
            return List.of();
        }
        ParamValidator validator = switch (params.string("attribute", "")) {
            case "size" -> SIZE;
            case "layer_count" -> INTEGER;
            default -> STRING;
        };
        return validator.problem(value).stream().toList();
    }

    private static void evaluate(TriggerInput<Void> input, Firings out) {
        String attribute = input.params().string("attribute");
        String check = input.params().string("check");
        String value = input.params().string("value");
        if (!CHECKS_WITHOUT_VALUE.contains(check) && (value == null || value.isEmpty())) {
            return;
        }
        Object actual = ATTRIBUTES.get(attribute).apply(input.image());
        boolean fired;
        String shownValue;
        if (actual instanceof Long number) {
            Long expected = value == null ? null : parseNumber(attribute, value);
            fired = compareNumbers(check, number, expected, value);
            shownValue = expected == null ? "" : expected.toString();
        } else {
            String text = (String) actual;
            fired = compareStrings(check, text, value);
            // Anchore coerces the value with str() when the attribute is a string, so a missing value prints "None"
            shownValue = text != null ? Objects.toString(value, "None") : Objects.toString(value, "");
        }
        if (fired) {
            out.fire("Attribute check for attribute: '" + attribute + "' check: '" + check + "' check_value: '"
                    + shownValue + "' matched image value: '" + Objects.toString(actual, "None") + "'");
        }
    }

    /** Sizes accept a {@code kb|mb|gb|tb} suffix in powers of 1024. */
    private static Long parseNumber(String attribute, String value) {
        String trimmed = value.strip().toLowerCase(Locale.ROOT);
        long multiplier = 1;
        if (attribute.equals("size") && trimmed.endsWith("b") && trimmed.length() > 2) {
            int power = "kmgt".indexOf(trimmed.charAt(trimmed.length() - 2)) + 1;
            if (power > 0) {
                multiplier = 1L << (10 * power);
                trimmed = trimmed.substring(0, trimmed.length() - 2);
            }
        }
        try {
            return Long.parseLong(trimmed) * multiplier;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean compareNumbers(String check, long actual, Long expected, String rawValue) {
        return switch (check) {
            case "exists" -> actual != 0;
            case "not_exists" -> actual == 0;
            case "in", "not_in" -> check.equals("in") == Arrays.stream(rawValue.split(",", -1))
                    .map(String::strip).anyMatch(item -> item.equals(Long.toString(actual)));
            default -> expected != null && compareOrdered(check, Long.compare(actual, expected));
        };
    }

    private static boolean compareStrings(String check, String actual, String expected) {
        return switch (check) {
            case "exists" -> actual != null && !actual.isEmpty();
            case "not_exists" -> actual == null || actual.isEmpty();
            case "=" -> actual != null && actual.equals(expected);
            case "!=" -> actual == null || !actual.equals(expected);
            case "like" -> actual != null && Pattern.compile(expected).matcher(actual).lookingAt();
            case "not_like" -> actual != null && !Pattern.compile(expected).matcher(actual).lookingAt();
            case "in", "not_in" -> actual != null && check.equals("in") == Arrays.stream(expected.split(",", -1))
                    .map(String::strip).anyMatch(actual::equals);
            default -> actual != null && compareOrdered(check, actual.compareTo(expected));
        };
    }

    private static boolean compareOrdered(String check, int comparison) {
        return switch (check) {
            case "=" -> comparison == 0;
            case "!=" -> comparison != 0;
            case ">" -> comparison > 0;
            case "<" -> comparison < 0;
            case ">=" -> comparison >= 0;
            case "<=" -> comparison <= 0;
            default -> false;
        };
    }
}
