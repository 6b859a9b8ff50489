package io.drydock.platform.versions;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * RPM versions as OSV writes them, {@code [epoch:]version[-release]}, ordered as rpm's {@code labelCompare} orders
 * the (epoch, version, release) triple: epochs, versions and releases each by {@code rpmvercmp} (rpmio/rpmvercmp.c),
 * a missing epoch counting as {@code 0} and a missing release sorting before any release. The string is split as
 * rpm's {@code parseEVR} splits it: the epoch is a leading run of digits ended by {@code :} (an empty one is
 * {@code 0}), the release follows the last {@code -} after it.
 *
 * <p>{@code rpmvercmp} compares alphanumeric segments (numeric ones by value, newer than alphabetic ones), treats
 * every other character as a separator, sorts {@code ~} before everything, even the end, and {@code ^} after the
 * end but before any further segment. rpm refuses an EVR whose version part is empty ({@code 1:}, {@code -1},
 * {@code 1:-2}) and accepts anything else; strings longer than {@value VersionStrings#MAX_LENGTH} characters or
 * containing NUL (which cannot reach rpm's C API) are refused here to bound the work.
 *
 * @param ecosystem the OSV ecosystem using rpm versions ({@code Red Hat}, {@code SUSE}, ...)
 */
public record RpmVersionComparator(String ecosystem) implements VersionComparator {

    private static final byte[] ZERO = {'0'};

    @Override
    public boolean isValid(String version) {
        return VersionStrings.basicProblem(version) == null && split(version).version.length > 0;
    }

    @Override
    public int compare(String left, String right) {
        Evr a = parse(left);
        Evr b = parse(right);
        int rc = rpmvercmp(a.epoch, b.epoch);
        if (rc == 0) {
            rc = rpmvercmp(a.version, b.version);
        }
        if (rc == 0) {
            if (a.release == null || b.release == null) {
                rc = a.release != null ? 1 : (b.release != null ? -1 : 0);
            } else {
                rc = rpmvercmp(a.release, b.release);
            }
        }
        return rc;
    }

    private record Evr(byte[] epoch, byte[] version, byte[] release) {
    }

    private Evr parse(String evr) {
        String problem = VersionStrings.basicProblem(evr);
        if (problem != null) {
            throw new InvalidVersionException(ecosystem, evr, problem);
        }
        Evr parsed = split(evr);
        if (parsed.version.length == 0) {
            throw new InvalidVersionException(ecosystem, evr, "the version part is empty");
        }
        return parsed;
    }

    /** rpm's parseEVR. */
    private static Evr split(String evr) {
        byte[] s = evr.getBytes(StandardCharsets.UTF_8);
        int afterDigits = 0;
        while (afterDigits < s.length && isDigit(s[afterDigits])) {
            afterDigits++;
        }
        int lastHyphen = -1;
        for (int i = afterDigits; i < s.length; i++) {
            if (s[i] == '-') {
                lastHyphen = i;
            }
        }
        byte[] epoch = ZERO;
        int versionStart = 0;
        if (afterDigits < s.length && s[afterDigits] == ':') {
            epoch = afterDigits == 0 ? ZERO : Arrays.copyOfRange(s, 0, afterDigits);
            versionStart = afterDigits + 1;
        }
        int versionEnd = lastHyphen < 0 ? s.length : lastHyphen;
        byte[] release = lastHyphen < 0 ? null : Arrays.copyOfRange(s, lastHyphen + 1, s.length);
        return new Evr(epoch, Arrays.copyOfRange(s, versionStart, versionEnd), release);
    }

    /** rpm's rpmvercmp on two segments of an EVR. */
    static int rpmvercmp(byte[] a, byte[] b) {
        if (Arrays.equals(a, b)) {
            return 0;
        }
        int one = 0;
        int two = 0;
        while (one < a.length || two < b.length) {
            while (one < a.length && !isAlnum(a[one]) && a[one] != '~' && a[one] != '^') {
                one++;
            }
            while (two < b.length && !isAlnum(b[two]) && b[two] != '~' && b[two] != '^') {
                two++;
            }
            int c1 = one < a.length ? a[one] : 0;
            int c2 = two < b.length ? b[two] : 0;
            if (c1 == '~' || c2 == '~') {
                if (c1 != '~') {
                    return 1;
                }
                if (c2 != '~') {
                    return -1;
                }
                one++;
                two++;
                continue;
            }
            if (c1 == '^' || c2 == '^') {
                if (c1 == 0) {
                    return -1;
                }
                if (c2 == 0) {
                    return 1;
                }
                if (c1 != '^') {
                    return 1;
                }
                if (c2 != '^') {
                    return -1;
                }
                one++;
                two++;
                continue;
            }
            if (c1 == 0 || c2 == 0) {
                break;
            }
            boolean numeric = isDigit(a[one]);
            int end1 = segmentEnd(a, one, numeric);
            int end2 = segmentEnd(b, two, numeric);
            if (end2 == two) {
                // the other side's segment is of the other kind: numeric ones are newer
                return numeric ? 1 : -1;
            }
            int rc = numeric ? compareNumbers(a, one, end1, b, two, end2) : compareBytes(a, one, end1, b, two, end2);
            if (rc != 0) {
                return rc;
            }
            one = end1;
            two = end2;
        }
        boolean aDone = one >= a.length;
        boolean bDone = two >= b.length;
        if (aDone && bDone) {
            return 0;
        }
        return aDone ? -1 : 1;
    }

    private static int segmentEnd(byte[] s, int start, boolean numeric) {
        int end = start;
        while (end < s.length && (numeric ? isDigit(s[end]) : isAlpha(s[end]))) {
            end++;
        }
        return end;
    }

    private static int compareNumbers(byte[] a, int from1, int to1, byte[] b, int from2, int to2) {
        while (from1 < to1 && a[from1] == '0') {
            from1++;
        }
        while (from2 < to2 && b[from2] == '0') {
            from2++;
        }
        int byLength = Integer.compare(to1 - from1, to2 - from2);
        return byLength != 0 ? byLength : compareBytes(a, from1, to1, b, from2, to2);
    }

    private static int compareBytes(byte[] a, int from1, int to1, byte[] b, int from2, int to2) {
        return Integer.signum(Arrays.compareUnsigned(a, from1, to1, b, from2, to2));
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAlpha(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAlnum(int c) {
        return isDigit(c) || isAlpha(c);
    }
}
