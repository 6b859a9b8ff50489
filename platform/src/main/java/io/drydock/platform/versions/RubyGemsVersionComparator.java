package io.drydock.platform.versions;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * RubyGems' {@code Gem::Version} (rubygems 3.3, {@code rubygems/version.rb}): a version is digits, then dot-separated
 * runs of ASCII letters and digits, optionally a {@code -} suffix; surrounding whitespace is ignored and a blank
 * string is {@code 0}. Each {@code -} reads as {@code .pre.}. The version splits into runs of digits (numbers) and
 * runs of letters (strings); trailing zeros are dropped from the numeric part and from the part from the first
 * string on ({@code 1.0 == 1}, {@code 1.0.a == 1.a}). Runs are compared in turn, a missing one counting as 0; a
 * string sorts before a number, so any letter makes a prerelease ({@code 1.0.a < 1.0}); strings compare by bytes,
 * case-sensitively.
 */
public final class RubyGemsVersionComparator implements VersionComparator {

    /** Drydock's bound; RubyGems sets none, but no gem has a version near this long. */
    static final int MAX_LENGTH = 256;

    // Gem::Version::ANCHORED_VERSION_PATTERN; Ruby's \s is [ \t\n\v\f\r], unlike Java's.
    private static final String SPACE = "[ \\t\\n\\x0B\\f\\r]*";
    private static final Pattern VALID = Pattern.compile(
            SPACE + "(?:[0-9]+(?>\\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)?" + SPACE);

    @Override
    public String ecosystem() {
        return "RubyGems";
    }

    @Override
    public boolean isValid(String version) {
        return version.length() <= MAX_LENGTH && VALID.matcher(version).matches();
    }

    @Override
    public int compare(String left, String right) {
        List<Object> l = canonicalSegments(left);
        List<Object> r = canonicalSegments(right);
        for (int i = 0; i < Math.max(l.size(), r.size()); i++) {
            Object a = i < l.size() ? l.get(i) : "0";
            Object b = i < r.size() ? r.get(i) : "0";
            int order = compareSegments(a, b);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    /** Numbers are kept as digit strings without leading zeros ({@code "0"} for zero), words as {@link Word}. */
    private List<Object> canonicalSegments(String version) {
        if (!isValid(version)) {
            throw new InvalidVersionException(ecosystem(), version, version.length() > MAX_LENGTH
                    ? "longer than " + MAX_LENGTH + " characters"
                    : "not digits followed by dot-separated letters and digits (Gem::Version::VERSION_PATTERN)");
        }
        String text = version.replace("-", ".pre.");
        List<Object> numeric = new ArrayList<>();
        List<Object> rest = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int start = i;
            if (isDigit(c)) {
                while (i < text.length() && isDigit(text.charAt(i))) {
                    i++;
                }
                String digits = text.substring(start, i).replaceFirst("^0+(?=.)", "");
                (rest.isEmpty() ? numeric : rest).add(digits);
            } else if (isLetter(c)) {
                while (i < text.length() && isLetter(text.charAt(i))) {
                    i++;
                }
                rest.add(new Word(text.substring(start, i)));
            } else {
                i++;
            }
        }
        dropTrailingZeros(numeric);
        dropTrailingZeros(rest);
        numeric.addAll(rest);
        return numeric;
    }

    private static void dropTrailingZeros(List<Object> segments) {
        while (!segments.isEmpty() && "0".equals(segments.getLast())) {
            segments.removeLast();
        }
    }

    private static int compareSegments(Object a, Object b) {
        if (a instanceof Word x && b instanceof Word y) {
            return Integer.signum(x.text().compareTo(y.text()));
        }
        if (a instanceof Word) {
            return -1;
        }
        if (b instanceof Word) {
            return 1;
        }
        String x = (String) a;
        String y = (String) b;
        int order = x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
        return Integer.signum(order);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    /** A run of letters, compared by bytes (Ruby's {@code String#<=>} on ASCII). */
    private record Word(String text) {
    }
}
