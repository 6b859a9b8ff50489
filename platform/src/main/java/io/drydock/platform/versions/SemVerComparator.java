package io.drydock.platform.versions;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plain Semantic Versioning 2.0.0 (semver.org, §9–11): {@code MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]}, no
 * {@code v} prefix, no surrounding white space, no leading zeros in numbers or numeric pre-release identifiers.
 * Build metadata is ignored; pre-release identifiers compare numbers numerically (any size), below words, words in
 * ASCII order, a shorter list first when equal so far; a release sorts after its pre-releases.
 *
 * <p>{@link #SEMVER} is for OSV ranges of type {@code SEMVER}, whatever their ecosystem. {@link #CRATES_IO} is the
 * ecosystem {@code crates.io}: Cargo's {@code semver} crate orders versions by the same rules and holds major, minor
 * and patch in 64 bits, so larger ones are refused there.
 */
public final class SemVerComparator implements VersionComparator {

    /** OSV's {@code SEMVER} range type: numbers of any size. */
    public static final SemVerComparator SEMVER = new SemVerComparator("SEMVER", false);
    public static final SemVerComparator CRATES_IO = new SemVerComparator("crates.io", true);

    static final int MAX_LENGTH = 256;

    private static final String NUMBER = "0|[1-9][0-9]*";
    private static final String IDENTIFIER = "(?:" + NUMBER + "|[0-9]*[a-zA-Z-][a-zA-Z0-9-]*)";
    /** semver.org's grammar; groups: major, minor, patch, pre-release. Shared with {@link NpmVersionComparator}. */
    static final String GRAMMAR = "(" + NUMBER + ")\\.(" + NUMBER + ")\\.(" + NUMBER + ")"
            + "(?:-(" + IDENTIFIER + "(?:\\." + IDENTIFIER + ")*))?(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?";
    private static final Pattern SEMVER_2 = Pattern.compile(GRAMMAR);
    private static final String MAX_U64 = "18446744073709551615";

    private final String ecosystem;
    private final boolean unsigned64;

    private SemVerComparator(String ecosystem, boolean unsigned64) {
        this.ecosystem = ecosystem;
        this.unsigned64 = unsigned64;
    }

    @Override
    public String ecosystem() {
        return ecosystem;
    }

    @Override
    public boolean isValid(String version) {
        return version != null && version.length() <= MAX_LENGTH && refusal(SEMVER_2.matcher(version)) == null;
    }

    @Override
    public int compare(String left, String right) {
        Matcher a = parse(left);
        Matcher b = parse(right);
        for (int group = 1; group <= 3; group++) {
            int result = compareNumbers(a.group(group), b.group(group));
            if (result != 0) {
                return result;
            }
        }
        String preA = a.group(4);
        String preB = b.group(4);
        if (preA == null || preB == null) {
            return preA == null ? (preB == null ? 0 : 1) : -1;
        }
        String[] idsA = preA.split("\\.");
        String[] idsB = preB.split("\\.");
        for (int i = 0; i < Math.min(idsA.length, idsB.length); i++) {
            int result = compareIdentifiers(idsA[i], idsB[i]);
            if (result != 0) {
                return result;
            }
        }
        return Integer.compare(idsA.length, idsB.length);
    }

    private Matcher parse(String version) {
        if (version == null) {
            throw new InvalidVersionException(ecosystem, "null", "no version");
        }
        if (version.length() > MAX_LENGTH) {
            throw new InvalidVersionException(ecosystem, version.substring(0, 32) + "…",
                    "longer than " + MAX_LENGTH + " characters");
        }
        Matcher m = SEMVER_2.matcher(version);
        String refusal = refusal(m);
        if (refusal != null) {
            throw new InvalidVersionException(ecosystem, version, refusal);
        }
        return m;
    }

    /** Why the version is refused, or null; leaves the matcher matched. */
    private String refusal(Matcher m) {
        if (!m.matches()) {
            return "not a SemVer 2.0.0 version";
        }
        for (int group = 1; unsigned64 && group <= 3; group++) {
            if (compareNumbers(m.group(group), MAX_U64) > 0) {
                return "a number is above 2^64-1";
            }
        }
        return null;
    }

    /** Digits without leading zeros compare by length, then lexically. */
    private static int compareNumbers(String a, String b) {
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : Integer.signum(a.compareTo(b));
    }

    private static int compareIdentifiers(String a, String b) {
        boolean aNumber = a.chars().allMatch(c -> c >= '0' && c <= '9');
        boolean bNumber = b.chars().allMatch(c -> c >= '0' && c <= '9');
        if (aNumber && bNumber) {
            return compareNumbers(a, b);
        }
        return aNumber ? -1 : bNumber ? 1 : Integer.signum(a.compareTo(b));
    }
}
