package io.drydock.platform.versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Composer's versions (composer/semver 3.3): a version is first normalised as {@code VersionParser::normalize} does
 * ({@code v1.2-RC1} to {@code 1.2.0.0-RC1}, {@code 1.0b2-dev} to {@code 1.0.0.0-beta2-dev}, {@code 1.x-dev} to
 * {@code 1.9999999.9999999.9999999-dev}, dates to dotted numbers, build metadata and {@code @stability} flags dropped),
 * then normalised versions are ordered by PHP's {@code version_compare}, as {@code Comparator} does: numbers
 * numerically, and {@code dev < alpha < beta < RC < (release) < patch}. Branch names ({@code dev-main},
 * {@code master}) normalise but Composer never orders them against versions, so they are refused here.
 */
public final class PackagistVersionComparator implements VersionComparator {

    /** Drydock's bound; Composer sets none. */
    static final int MAX_LENGTH = 256;

    // PCRE's \s (without the u flag) and $ (end, or before a final newline); UNIX_LINES gives Java's $ the latter.
    private static final String MODIFIER =
            "[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\\d+)*+)?)?([.-]?dev)?";
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNIX_LINES;
    private static final Pattern ALIAS = Pattern.compile("^([^,\\s]++) ++as ++([^,\\s]++)$", Pattern.UNIX_LINES);
    private static final Pattern STABILITY_FLAG = Pattern.compile("@(?:stable|RC|beta|alpha|dev)$", FLAGS);
    private static final Pattern BUILD = Pattern.compile("^([^,\\s+]++)\\+\\S++$", Pattern.UNIX_LINES);
    private static final Pattern CLASSICAL =
            Pattern.compile("^v?(\\d{1,5})(\\.\\d++)?(\\.\\d++)?(\\.\\d++)?" + MODIFIER + "$", FLAGS);
    private static final Pattern DATE =
            Pattern.compile("^v?(\\d{4}(?:[.:-]?\\d{2}){1,6}(?:[.:-]?\\d{1,3})?)" + MODIFIER + "$", FLAGS);
    private static final Pattern DEV_SUFFIX = Pattern.compile("(.*?)[.-]?dev$", FLAGS);
    private static final Pattern NUMERIC_BRANCH = Pattern.compile(
            "^v?(\\d++)(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?(\\.(?:\\d++|[xX*]))?$", FLAGS);

    // php_version_compare's special forms, matched by prefix in this order; anything else ranks below dev.
    private static final List<String> SPECIAL_FORMS =
            List.of("dev", "alpha", "a", "beta", "b", "RC", "rc", "#", "pl", "p");
    private static final int[] SPECIAL_ORDER = {0, 1, 1, 2, 2, 3, 3, 4, 5, 5};

    @Override
    public String ecosystem() {
        return "Packagist";
    }

    @Override
    public boolean isValid(String version) {
        try {
            normalizeVersion(version);
            return true;
        } catch (InvalidVersionException e) {
            return false;
        }
    }

    @Override
    public int compare(String left, String right) {
        return versionCompare(normalizeVersion(left), normalizeVersion(right));
    }

    /** {@code VersionParser::normalize}, refusing branch names (which normalise to {@code dev-…}). */
    public String normalizeVersion(String version) {
        if (version.length() > MAX_LENGTH) {
            throw new InvalidVersionException(ecosystem(), version, "longer than " + MAX_LENGTH + " characters");
        }
        String normalized = normalize(version);
        if (normalized == null) {
            throw new InvalidVersionException(ecosystem(), version, "Composer's VersionParser cannot normalise it");
        }
        if (normalized.startsWith("dev-")) {
            throw new InvalidVersionException(ecosystem(), version,
                    "a branch name, which Composer does not order against versions");
        }
        return normalized;
    }

    private static String normalize(String input) {
        String version = phpTrim(input);
        Matcher m = ALIAS.matcher(version);
        if (m.find()) {
            version = m.group(1);
        }
        m = STABILITY_FLAG.matcher(version);
        if (m.find()) {
            version = version.substring(0, m.start());
        }
        if (version.equals("master") || version.equals("trunk") || version.equals("default")) {
            version = "dev-" + version;
        }
        if (version.regionMatches(true, 0, "dev-", 0, 4)) {
            return "dev-" + version.substring(4);
        }
        m = BUILD.matcher(version);
        if (m.find()) {
            version = m.group(1);
        }
        m = CLASSICAL.matcher(version);
        if (m.find()) {
            return withModifiers(m.group(1) + orZero(m.group(2)) + orZero(m.group(3)) + orZero(m.group(4)), m, 5);
        }
        m = DATE.matcher(version);
        if (m.find()) {
            return withModifiers(m.group(1).replaceAll("\\D", "."), m, 2);
        }
        m = DEV_SUFFIX.matcher(version);
        if (m.find()) {
            String branch = normalizeBranch(m.group(1));
            if (!branch.contains("dev-")) {
                return branch;
            }
        }
        return null;
    }

    private static String orZero(String part) {
        return part == null || part.isEmpty() ? ".0" : part;
    }

    private static String withModifiers(String version, Matcher m, int index) {
        String stability = m.group(index);
        String result = version;
        if (stability != null && !stability.isEmpty()) {
            if (stability.equals("stable")) {
                return version;
            }
            String number = m.group(index + 1) == null ? "" : m.group(index + 1).replaceFirst("^[.-]+", "");
            result += "-" + expandStability(stability) + number;
        }
        if (m.group(index + 2) != null && !m.group(index + 2).isEmpty()) {
            result += "-dev";
        }
        return result;
    }

    private static String expandStability(String stability) {
        String lower = stability.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "a" -> "alpha";
            case "b" -> "beta";
            case "p", "pl" -> "patch";
            case "rc" -> "RC";
            default -> lower;
        };
    }

    private static String normalizeBranch(String name) {
        Matcher m = NUMERIC_BRANCH.matcher(phpTrim(name));
        if (!m.find()) {
            return "dev-" + phpTrim(name);
        }
        StringBuilder version = new StringBuilder();
        for (int i = 1; i < 5; i++) {
            version.append(m.group(i) == null ? ".x" : m.group(i).replace('*', 'x').replace('X', 'x'));
        }
        return version.toString().replace("x", "9999999") + "-dev";
    }

    /** PHP's {@code trim}: spaces, tabs, newlines, carriage returns, NUL and vertical tabs. */
    private static String phpTrim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && " \t\n\r\0\u000b".indexOf(s.charAt(start)) >= 0) {
            start++;
        }
        while (end > start && " \t\n\r\0\u000b".indexOf(s.charAt(end - 1)) >= 0) {
            end--;
        }
        return s.substring(start, end);
    }

    /** PHP's {@code version_compare} without an operator (ext/standard/versioning.c). */
    static int versionCompare(String a, String b) {
        List<String> x = canonicalParts(a);
        List<String> y = canonicalParts(b);
        int i = 0;
        for (; i < x.size() && i < y.size(); i++) {
            int order = comparePart(x.get(i), y.get(i));
            if (order != 0) {
                return order;
            }
        }
        if (i < x.size()) {
            return isDigit(x.get(i).charAt(0)) ? 1 : versionCompare(String.join(".", x.subList(i, x.size())), "#N#");
        }
        if (i < y.size()) {
            return isDigit(y.get(i).charAt(0)) ? -1 : versionCompare("#N#", String.join(".", y.subList(i, y.size())));
        }
        return 0;
    }

    /**
     * {@code php_canonicalize_version} then the split on dots: {@code - _ +} and other non-alphanumerics after the
     * first character separate parts, and so does every change between digits and non-digits.
     */
    private static List<String> canonicalParts(String version) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        char previous = 0;
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            // The first character is kept whatever it is (so "#N#", the release marker, stays one part).
            boolean separator = i > 0 && (c == '.' || c > 0x7f || !Character.isLetterOrDigit(c));
            boolean kindChanged = i > 0 && previous != '.' && c != '.' && isDigit(previous) != isDigit(c);
            if (separator || kindChanged) {
                if (!part.isEmpty()) {
                    parts.add(part.toString());
                    part.setLength(0);
                }
            }
            if (!separator) {
                part.append(c);
            }
            previous = c;
        }
        if (!part.isEmpty()) {
            parts.add(part.toString());
        }
        return parts;
    }

    private static int comparePart(String x, String y) {
        boolean xDigits = isDigit(x.charAt(0));
        boolean yDigits = isDigit(y.charAt(0));
        if (xDigits && yDigits) {
            return Long.compare(strtol(x), strtol(y));
        }
        return Integer.signum(Integer.compare(specialForm(xDigits ? "#N#" : x), specialForm(yDigits ? "#N#" : y)));
    }

    /** C's {@code strtol} on a run of digits: saturates at the largest long. */
    private static long strtol(String digits) {
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int digit = digits.charAt(i) - '0';
            if (value > (Long.MAX_VALUE - digit) / 10) {
                return Long.MAX_VALUE;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    private static int specialForm(String form) {
        for (int i = 0; i < SPECIAL_FORMS.size(); i++) {
            if (form.startsWith(SPECIAL_FORMS.get(i))) {
                return SPECIAL_ORDER[i];
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
