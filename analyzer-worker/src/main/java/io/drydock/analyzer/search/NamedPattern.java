package io.drydock.analyzer.search;

import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One configured search, written as Anchore writes them: {@code NAME=regex}, applied to each line from its start
 * (Python's {@code re.match}).
 */
public record NamedPattern(String name, Pattern pattern) {

    public NamedPattern {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pattern, "pattern");
    }

    /**
     * @throws IllegalArgumentException for a spec without {@code NAME=} or with an invalid regular expression: a
     *                                  configuration error is reported at start, not skipped at analysis time
     */
    public static NamedPattern parse(String spec) {
        int equals = spec.indexOf('=');
        if (equals <= 0) {
            throw new IllegalArgumentException("a search is written NAME=regex, got '" + spec + "'");
        }
        String name = spec.substring(0, equals).trim();
        try {
            return new NamedPattern(name, Pattern.compile(spec.substring(equals + 1)));
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("search " + name + " has an invalid regular expression: "
                    + e.getDescription(), e);
        }
    }

    /** The regex as configured (what Anchore reports beside the name). */
    public String regex() {
        return pattern.pattern();
    }
}
