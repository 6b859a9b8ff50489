package io.drydock.platform.versions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go module versions as {@code golang.org/x/mod/semver} orders them: Semantic Versioning 2.0.0 with a required
 * {@code v} prefix, where {@code vMAJOR} and {@code vMAJOR.MINOR} are shorthands for {@code .0} (without prerelease or
 * build). Build metadata is ignored, so {@code v2.0.0+incompatible == v2.0.0}; pseudo-versions
 * ({@code v0.0.0-20191109021931-daa7c04131f5}) are prereleases and order by their prerelease identifiers. Unlike
 * {@code semver.Compare}, which puts invalid versions first, {@link #compare} refuses them.
 */
public final class GoVersionComparator implements VersionComparator {

    /** Drydock's bound; the semver package sets none, pseudo-versions are under 60 characters. */
    static final int MAX_LENGTH = 256;

    private static final String NUMBER = "(0|[1-9][0-9]*+)";
    // One with a letter or hyphen, or a numeric identifier without leading zeros. The alphanumeric form comes
    // first: the repetitions are possessive, so an alternative that matches only a prefix is never retried.
    private static final String PRERELEASE_ID = "(?:[0-9]*+[A-Za-z-][0-9A-Za-z-]*+|0|[1-9][0-9]*+)";
    private static final Pattern VALID = Pattern.compile("v" + NUMBER + "(?:\\." + NUMBER + "(?:\\." + NUMBER
            + "(?:-(" + PRERELEASE_ID + "(?:\\." + PRERELEASE_ID + ")*+))?"
            + "(?:\\+[0-9A-Za-z-]++(?:\\.[0-9A-Za-z-]++)*+)?)?)?");

    @Override
    public String ecosystem() {
        return "Go";
    }

    @Override
    public boolean isValid(String version) {
        return version.length() <= MAX_LENGTH && VALID.matcher(version).matches();
    }

    /** {@code semver.Canonical}: {@code vMAJOR.MINOR.PATCH[-PRERELEASE]}, build metadata dropped. */
    public String canonical(String version) {
        Matcher m = parse(version);
        String prerelease = m.group(4) == null ? "" : "-" + m.group(4);
        return "v" + m.group(1) + "." + orZero(m.group(2)) + "." + orZero(m.group(3)) + prerelease;
    }

    @Override
    public int compare(String left, String right) {
        Matcher l = parse(left);
        Matcher r = parse(right);
        for (int group = 1; group <= 3; group++) {
            int order = compareNumbers(orZero(l.group(group)), orZero(r.group(group)));
            if (order != 0) {
                return order;
            }
        }
        return comparePrereleases(l.group(4), r.group(4));
    }

    private Matcher parse(String version) {
        if (version.length() > MAX_LENGTH) {
            throw new InvalidVersionException(ecosystem(), version, "longer than " + MAX_LENGTH + " characters");
        }
        Matcher m = VALID.matcher(version);
        if (!m.matches()) {
            throw new InvalidVersionException(ecosystem(), version,
                    "not a semantic version with a 'v' prefix (golang.org/x/mod/semver)");
        }
        return m;
    }

    private static String orZero(String number) {
        return number == null ? "0" : number;
    }

    /** Numbers without leading zeros: the longer is larger. */
    private static int compareNumbers(String x, String y) {
        return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : Integer.signum(x.compareTo(y));
    }

    private static int comparePrereleases(String x, String y) {
        if (x == null || y == null) {
            return x == null ? (y == null ? 0 : 1) : -1;
        }
        String[] xs = x.split("\\.");
        String[] ys = y.split("\\.");
        for (int i = 0; i < Math.min(xs.length, ys.length); i++) {
            boolean xNumeric = xs[i].chars().allMatch(c -> c >= '0' && c <= '9');
            boolean yNumeric = ys[i].chars().allMatch(c -> c >= '0' && c <= '9');
            int order;
            if (xNumeric != yNumeric) {
                order = xNumeric ? -1 : 1;
            } else if (xNumeric) {
                order = compareNumbers(xs[i], ys[i]);
            } else {
                order = Integer.signum(xs[i].compareTo(ys[i]));
            }
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(xs.length, ys.length);
    }
}
