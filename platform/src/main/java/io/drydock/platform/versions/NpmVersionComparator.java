package io.drydock.platform.versions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * npm's ordering: {@code semver.compare(a, b)} of node-semver 7 with its default (strict) parsing, which is what npm
 * applies to the versions of installed packages (npm normalises a package's version with {@code semver.clean} when
 * it is published and installed, so a loose spelling never reaches {@code package.json} of an installed package).
 *
 * <p>Accepted: {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]} after JavaScript's {@code trim()}, with an optional
 * leading {@code v}; no leading zeros in numbers; major, minor and patch up to 2^53-1; at most {@value #MAX_LENGTH}
 * characters. Build metadata is ignored. Pre-release identifiers compare as node-semver does: numbers numerically,
 * below words, words in ASCII order, a shorter list first when equal so far — and, as node-semver, numeric
 * identifiers of 2^53-1 and more are compared as JavaScript numbers (doubles): when two of them round to the same
 * double, the comparison ends there, equal.
 */
public final class NpmVersionComparator implements VersionComparator {

    static final int MAX_LENGTH = 256;
    private static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    /** node-semver's strict grammar: SemVer 2.0.0's with an optional {@code v}. */
    private static final Pattern STRICT = Pattern.compile("v?" + SemVerComparator.GRAMMAR);

    @Override
    public String ecosystem() {
        return "npm";
    }

    @Override
    public boolean isValid(String version) {
        try {
            parse(version);
            return true;
        } catch (InvalidVersionException e) {
            return false;
        }
    }

    @Override
    public int compare(String left, String right) {
        Parsed a = parse(left);
        Parsed b = parse(right);
        int result = Long.compare(a.major, b.major);
        if (result == 0) {
            result = Long.compare(a.minor, b.minor);
        }
        if (result == 0) {
            result = Long.compare(a.patch, b.patch);
        }
        return result != 0 ? result : comparePrerelease(a.prerelease, b.prerelease);
    }

    private record Parsed(long major, long minor, long patch, String[] prerelease) {
    }

    private static Parsed parse(String version) {
        if (version == null) {
            throw new InvalidVersionException("npm", "null", "no version");
        }
        if (version.length() > MAX_LENGTH) {
            throw new InvalidVersionException("npm", version.substring(0, 32) + "…",
                    "longer than " + MAX_LENGTH + " characters");
        }
        Matcher m = STRICT.matcher(trim(version));
        if (!m.matches()) {
            throw new InvalidVersionException("npm", version, "not a SemVer version (node-semver, strict)");
        }
        String[] prerelease = m.group(4) == null ? new String[0] : m.group(4).split("\\.");
        return new Parsed(component(version, m.group(1)), component(version, m.group(2)),
                component(version, m.group(3)), prerelease);
    }

    private static long component(String version, String digits) {
        if (digits.length() > 16 || Long.parseLong(digits) > MAX_SAFE_INTEGER) {
            throw new InvalidVersionException("npm", version, "a number is above 2^53-1");
        }
        return Long.parseLong(digits);
    }

    /** node-semver's comparePre: the first differing identifier decides; a release sorts after its pre-releases. */
    private static int comparePrerelease(String[] a, String[] b) {
        if (a.length == 0 || b.length == 0) {
            return Integer.compare(b.length, a.length);
        }
        for (int i = 0; ; i++) {
            if (i >= a.length || i >= b.length) {
                return Integer.compare(a.length, b.length);
            }
            if (!a[i].equals(b[i])) {
                return compareIdentifiers(a[i], b[i]);
            }
        }
    }

    private static int compareIdentifiers(String a, String b) {
        boolean aNumber = isDigits(a);
        boolean bNumber = isDigits(b);
        if (aNumber && bNumber) {
            // JavaScript numbers: exact below 2^53, rounded (as Double.parseDouble rounds) above
            return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
        }
        return aNumber ? -1 : bNumber ? 1 : Integer.signum(a.compareTo(b));
    }

    private static boolean isDigits(String text) {
        return text.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** JavaScript's {@code String.prototype.trim}: white space (including U+FEFF) and line terminators. */
    private static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isJsSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isJsSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isJsSpace(char c) {
        return c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r' || c == ' ' || c == '\u00a0'
                || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029'
                || c == '\u202f' || c == '\u205f' || c == '\u3000' || c == '\ufeff';
    }
}
