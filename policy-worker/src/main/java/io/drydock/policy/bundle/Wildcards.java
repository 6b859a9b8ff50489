package io.drydock.policy.bundle;

import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Anchore's {@code regexify}: {@code regexp:<raw regex>}, or a pattern where {@code *} matches anything and
 * everything else is literal. Used for mapping and selection rules and for allowlist trigger ids.
 */
public final class Wildcards {
    private static final String RAW_PREFIX = "regexp:";

    private Wildcards() {}

    public static Pattern regexify(String pattern) {
        if (pattern.startsWith(RAW_PREFIX)) {
            return Pattern.compile(pattern.substring(RAW_PREFIX.length()));
        }
        StringBuilder regex = new StringBuilder("^");
        String[] pieces = pattern.split("\\*", -1);
        for (int i = 0; i < pieces.length; i++) {
            if (i > 0) {
                regex.append("(.*)");
            }
            regex.append(Pattern.quote(pieces[i]));
        }
        return Pattern.compile(regex.append("$").toString());
    }

    /** Python's {@code re.match}: anchored at the start only; wildcard patterns carry their own {@code $}. */
    public static boolean matches(String pattern, String value) {
        if (pattern == null || value == null) {
            return false;
        }
        try {
            return regexify(pattern).matcher(value).lookingAt();
        } catch (PatternSyntaxException e) {
            return false;
        }
    }
}
