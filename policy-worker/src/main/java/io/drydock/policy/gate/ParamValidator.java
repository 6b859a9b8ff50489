package io.drydock.policy.gate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates one trigger parameter's string value and describes itself the way Anchore's
 * {@code GET /system/policy_spec} does ({@code type}, {@code description}, JSON-schema {@code criteria}).
 */
public final class ParamValidator {
    private final String type;
    private final String description;
    private final Map<String, Object> criteria;
    private final Predicate<String> accepts;

    private ParamValidator(String type, String description, Map<String, Object> criteria, Predicate<String> accepts) {
        this.type = type;
        this.description = description;
        this.criteria = criteria;
        this.accepts = accepts;
    }

    public String type() {
        return type;
    }

    public String description() {
        return description;
    }

    public Map<String, Object> criteria() {
        return criteria;
    }

    /** Why the value is rejected, or empty when it is acceptable. */
    public Optional<String> problem(String value) {
        if (value != null && accepts.test(value)) {
            return Optional.empty();
        }
        return Optional.of("Value '" + value + "' does not satisfy " + type + " " + criteria);
    }

    public static ParamValidator string() {
        return new ParamValidator("type", "A single value of a basic json type: string",
                Map.of("type", "string"), value -> true);
    }

    /** A string holding a regular expression; Anchore declares it as a plain string, we also check it compiles. */
    public static ParamValidator regex() {
        return new ParamValidator("type", "A single value of a basic json type: string",
                Map.of("type", "string"), ParamValidator::compiles);
    }

    public static ParamValidator booleanString() {
        return new ParamValidator("BooleanString",
                "Value must be string representation of a boolean. One of: [\"true\",\"false\"], case insensitive",
                schema("enum", List.of("true", "false")),
                value -> List.of("true", "false").contains(value.toLowerCase(Locale.ROOT)));
    }

    public static ParamValidator integerString() {
        return pattern("IntegerString", "Single integer number as a string", "^\\s*[\\d]+\\s*$");
    }

    public static ParamValidator floatString() {
        ParamValidator shape = pattern("FloatString", "Single float number as a string", "^\\s*-*(\\d)*(\\.\\d*)?\\s*$");
        return new ParamValidator(shape.type, shape.description, shape.criteria,
                value -> shape.accepts.test(value) && parsesAsDouble(value));
    }

    public static ParamValidator enumString(List<String> values) {
        return new ParamValidator("EnumString", "One of [" + PyFormat.list(values) + "]",
                schema("enum", List.copyOf(values)), values::contains);
    }

    public static ParamValidator commaDelimitedStrings() {
        return pattern("CommaDelimitedStringList", "Comma delimited list of strings", delimited("[^,]+"));
    }

    public static ParamValidator commaDelimitedNumbers() {
        return pattern("CommaDelimitedStringOfNumbers", "Comma delimited list of numbers", delimited("\\d+"));
    }

    /**
     * A value whose validator depends on another parameter's value (Anchore's {@code LinkedValidator}); the choice is
     * made by the trigger's cross-parameter check, so on its own this accepts any string.
     */
    public static ParamValidator linked(List<ParamValidator> options) {
        List<Map<String, Object>> anyOf = options.stream().map(ParamValidator::criteria).distinct().toList();
        return new ParamValidator("LinkedValidator",
                "Validates a value based on the value of another parameter. If that parameter fails validation so will this one",
                Map.of("anyOf", anyOf), value -> true);
    }

    /** A value matching a regex, described as Anchore's {@code RegexValidator}. */
    public static ParamValidator matching(String regex) {
        return pattern("RegexValidator", "Value must pass regex match", regex);
    }

    private static ParamValidator pattern(String type, String description, String regex) {
        Pattern compiled = Pattern.compile(regex);
        // jsonschema's "pattern" is a search, not a full match; the regexes carry their own anchors
        return new ParamValidator(type, description, schema("pattern", regex), value -> compiled.matcher(value).find());
    }

    private static String delimited(String item) {
        return "^\\s*(\\s*(" + item + ")\\s*,)*\\s*(" + item + "){1}\\s*$";
    }

    private static Map<String, Object> schema(String key, Object value) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "string");
        schema.put(key, value);
        return java.util.Collections.unmodifiableMap(schema);
    }

    private static boolean compiles(String regex) {
        try {
            Pattern.compile(regex);
            return true;
        } catch (PatternSyntaxException e) {
            return false;
        }
    }

    private static boolean parsesAsDouble(String value) {
        try {
            Double.parseDouble(value.strip());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
