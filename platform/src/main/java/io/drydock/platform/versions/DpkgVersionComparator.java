package io.drydock.platform.versions;

import java.nio.charset.StandardCharsets;

/**
 * Debian package versions ({@code [epoch:]upstream[-revision]}) ordered as {@code dpkg --compare-versions} orders
 * them (dpkg's {@code parseversion} and {@code verrevcmp}, lib/dpkg/parsehelp.c and version.c).
 *
 * <p>Validity follows what {@code dpkg --compare-versions} refuses (exit status 2): an empty string, blanks inside
 * the version, an epoch that is empty, not a number, negative or above {@code INT_MAX}, nothing after the colon, an
 * empty upstream version or an empty revision. Versions dpkg only warns about (upstream not starting with a digit,
 * characters outside its alphabet) are compared as dpkg compares them, byte by byte with x86's signed {@code char};
 * {@code dpkg --validate-version} is stricter and refuses those too. Leading and trailing blanks are ignored, as
 * dpkg ignores them. Strings longer than {@value VersionStrings#MAX_LENGTH} characters or containing NUL (which cannot
 * reach dpkg through its command line) are refused here to bound the work.
 *
 * @param ecosystem the OSV ecosystem using dpkg versions ({@code Debian}, {@code Ubuntu})
 */
public record DpkgVersionComparator(String ecosystem) implements VersionComparator {

    @Override
    public boolean isValid(String version) {
        return problem(version) == null;
    }

    @Override
    public int compare(String left, String right) {
        Parsed a = parse(left);
        Parsed b = parse(right);
        int byEpoch = Integer.compare(a.epoch, b.epoch);
        if (byEpoch != 0) {
            return byEpoch;
        }
        int byUpstream = Integer.signum(verrevcmp(a.upstream, b.upstream));
        return byUpstream != 0 ? byUpstream : Integer.signum(verrevcmp(a.revision, b.revision));
    }

    private record Parsed(int epoch, byte[] upstream, byte[] revision) {
    }

    private Parsed parse(String version) {
        String problem = problem(version);
        if (problem != null) {
            throw new InvalidVersionException(ecosystem, version, problem);
        }
        String trimmed = trimBlanks(version);
        int colon = trimmed.indexOf(':');
        int epoch = colon < 0 ? 0 : (int) strtol(trimmed, colon);
        String rest = trimmed.substring(colon + 1);
        int hyphen = rest.lastIndexOf('-');
        String upstream = hyphen < 0 ? rest : rest.substring(0, hyphen);
        String revision = hyphen < 0 ? "" : rest.substring(hyphen + 1);
        return new Parsed(epoch, upstream.getBytes(StandardCharsets.UTF_8), revision.getBytes(StandardCharsets.UTF_8));
    }

    /** dpkg's reason for refusing the version, or null when it compares it. */
    private static String problem(String version) {
        String basic = VersionStrings.basicProblem(version);
        if (basic != null) {
            return basic;
        }
        String trimmed = trimBlanks(version);
        if (trimmed.isEmpty()) {
            // dpkg's parser accepts a string of blanks as an empty version; nothing can be decided on it
            return "version string is empty";
        }
        for (int i = 0; i < trimmed.length(); i++) {
            if (isBlank(trimmed.charAt(i))) {
                return "version string has embedded spaces";
            }
        }
        int colon = trimmed.indexOf(':');
        if (colon >= 0) {
            String epochProblem = epochProblem(trimmed, colon);
            if (epochProblem != null) {
                return epochProblem;
            }
        }
        String rest = trimmed.substring(colon + 1);
        int hyphen = rest.lastIndexOf('-');
        if (hyphen >= 0 && hyphen == rest.length() - 1) {
            return "revision number is empty";
        }
        if ((hyphen < 0 ? rest : rest.substring(0, hyphen)).isEmpty()) {
            return "version number is empty";
        }
        return null;
    }

    /** The checks dpkg makes on the epoch, which it reads with {@code strtol(s, &end, 10)}. */
    private static String epochProblem(String s, int colon) {
        int digitsStart = strtolDigitsStart(s);
        int end = digitsStart;
        while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
        }
        if (end == digitsStart) {
            return "epoch in version is empty";
        }
        if (end != colon) {
            return "epoch in version is not number";
        }
        long epoch = strtol(s, colon);
        if (epoch < 0) {
            return "epoch in version is negative";
        }
        if (epoch > Integer.MAX_VALUE) {
            return "epoch in version is too big";
        }
        if (colon == s.length() - 1) {
            return "nothing after colon in version number";
        }
        return null;
    }

    /** Where strtol's digits begin: after leading white space and one optional sign. */
    private static int strtolDigitsStart(String s) {
        int i = 0;
        while (i < s.length() && isCSpace(s.charAt(i))) {
            i++;
        }
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        return i;
    }

    /** strtol's value of s up to the colon, saturating as strtol does (the caller has checked the syntax). */
    private static long strtol(String s, int colon) {
        int start = strtolDigitsStart(s);
        boolean negative = start > 0 && s.charAt(start - 1) == '-';
        long value = 0;
        for (int i = start; i < colon; i++) {
            value = value * 10 + (s.charAt(i) - '0');
            if (value > Integer.MAX_VALUE) {
                value = (long) Integer.MAX_VALUE + 1; // too big either way; stop growing
            }
        }
        return negative ? -value : value;
    }

    /** dpkg's verrevcmp: non-digit runs by {@link #order}, then digit runs numerically without overflow. */
    private static int verrevcmp(byte[] a, byte[] b) {
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            int firstDiff = 0;
            while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
                int ac = order(i < a.length ? a[i] : 0);
                int bc = order(j < b.length ? b[j] : 0);
                if (ac != bc) {
                    return ac - bc;
                }
                i++;
                j++;
            }
            while (i < a.length && a[i] == '0') {
                i++;
            }
            while (j < b.length && b[j] == '0') {
                j++;
            }
            while (i < a.length && j < b.length && isDigit(a[i]) && isDigit(b[j])) {
                if (firstDiff == 0) {
                    firstDiff = a[i] - b[j];
                }
                i++;
                j++;
            }
            if (i < a.length && isDigit(a[i])) {
                return 1;
            }
            if (j < b.length && isDigit(b[j])) {
                return -1;
            }
            if (firstDiff != 0) {
                return firstDiff;
            }
        }
        return 0;
    }

    /** '~' before the end, the end with digits, then letters, then everything else (bytes as signed chars). */
    private static int order(int c) {
        if (isDigit(c)) {
            return 0;
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
            return c;
        }
        if (c == '~') {
            return -1;
        }
        return c != 0 ? c + 256 : 0;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isCSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    private static String trimBlanks(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isBlank(s.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }
}
