package io.drydock.platform.versions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEP 440 ordering, as Python's {@code packaging.version.Version} decides it (what pip uses).
 *
 * <p>Accepted: surrounding whitespace, a leading {@code v}, any case, the spellings PEP 440 normalises
 * ({@code 1.0alpha1 = 1.0.a.1 = 1.0a1}, {@code c}/{@code pre}/{@code preview = rc}, {@code rev}/{@code r = post},
 * {@code 1.0-1 = 1.0.post1}, separators {@code . - _} around pre/post/dev, a missing number = 0). Ordered by epoch,
 * release (trailing zeros ignored), then dev-only &lt; pre-releases (a &lt; b &lt; rc) &lt; final &lt; post
 * releases, each with its dev releases before it, then the local version ({@code +...}: absent first, then segment
 * by segment, numbers above strings, strings compared case-insensitively). Anything else is invalid, as
 * {@code packaging} (22 and later) refuses it: there is no legacy fallback. Versions longer than {@value #MAX_LENGTH}
 * characters are refused too. Like Python's case-insensitive regular expressions, the grammar's letters also match
 * the four non-ASCII letters that fold onto ASCII ({@code İ ı} for i, {@code ſ} for s, the Kelvin sign for k);
 * packaging then lower-cases what it found without mapping it, so {@code 1.0.poſt1} is a post-release whose label
 * sorts after {@code post} — reproduced here.
 */
public final class PypiVersionComparator implements VersionComparator {

    static final int MAX_LENGTH = 256;

    private static final Pattern VERSION = Pattern.compile("""
            v?
            (?:(?<epoch>[0-9]+)!)?
            (?<release>[0-9]+(?:\\.[0-9]+)*)
            (?<pre>[-_.]?(?<preL>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<preN>[0-9]+)?)?
            (?<post>-(?<postN1>[0-9]+)|[-_.]?(?<postL>post|rev|r)[-_.]?(?<postN2>[0-9]+)?)?
            (?<dev>[-_.]?dev[-_.]?(?<devN>[0-9]+)?)?
            (?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
            """, Pattern.COMMENTS | Pattern.CASE_INSENSITIVE);

    @Override
    public String ecosystem() {
        return "PyPI";
    }

    @Override
    public boolean isValid(String version) {
        return version != null && version.length() <= MAX_LENGTH
                && VERSION.matcher(foldToAscii(strip(version))).matches();
    }

    @Override
    public int compare(String left, String right) {
        return Integer.signum(Key.of(left).compareTo(Key.of(right)));
    }

    /** Python's {@code str.strip()}: the characters {@code str.isspace()} accepts, as packaging's {@code \s*}. */
    private static String strip(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isPythonSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isPythonSpace(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    /** The letters Python's case-insensitive matching takes for ASCII ones; same length, so offsets still hold. */
    private static String foldToAscii(String text) {
        return text.replace('\u0130', 'i').replace('\u0131', 'i').replace('\u017f', 's').replace('\u212a', 'k');
    }

    private static boolean isPythonSpace(char c) {
        return (c >= '\t' && c <= '\r') || (c >= '\u001c' && c <= ' ') || c == '\u0085' || c == '\u00a0'
                || c == '\u1680' || (c >= '\u2000' && c <= '\u200a') || c == '\u2028' || c == '\u2029'
                || c == '\u202f' || c == '\u205f' || c == '\u3000';
    }

    /**
     * packaging's comparison key. Pre/post/dev hold a number or, where absent, the sentinels packaging uses
     * (-infinity / +infinity), as {@code null} plus a rank.
     */
    private record Key(String epoch, List<String> release, int preRank, String preLetter, String preNumber,
                       String postLetter, String post, int devRank, String dev, List<String> local)
            implements Comparable<Key> {

        private static final int BELOW = -1;
        private static final int ABOVE = 9;

        static Key of(String version) {
            if (version == null) {
                throw new InvalidVersionException("PyPI", "null", "no version");
            }
            if (version.length() > MAX_LENGTH) {
                throw new InvalidVersionException("PyPI", version.substring(0, 32) + "…",
                        "longer than " + MAX_LENGTH + " characters");
            }
            String text = strip(version);
            Matcher m = VERSION.matcher(foldToAscii(text));
            if (!m.matches()) {
                throw new InvalidVersionException("PyPI", version, "not a PEP 440 version");
            }
            String epoch = m.group("epoch") == null ? "0" : number(m.group("epoch"));
            List<String> release = new ArrayList<>();
            for (String part : m.group("release").split("\\.")) {
                release.add(number(part));
            }
            while (!release.isEmpty() && release.getLast().equals("0")) {
                release.removeLast();
            }
            String post = m.group("post") == null ? null
                    : number(m.group("postN1") != null ? m.group("postN1") : m.group("postN2"));
            String postLetter = post == null ? null : m.group("postL") == null ? "post"
                    : switch (lower(text, m, "postL")) {
                        case "rev", "r" -> "post";
                        case String other -> other;
                    };
            String dev = m.group("dev") == null ? null : number(m.group("devN"));
            int preRank;
            String preLetter = null;
            String preNumber = null;
            if (m.group("pre") == null) {
                // a dev release of the final version sorts before its pre-releases: 1.0.dev0 < 1.0a0
                preRank = post == null && dev != null ? BELOW : ABOVE;
            } else {
                preRank = 0;
                preLetter = switch (lower(text, m, "preL")) {
                    case "alpha" -> "a";
                    case "beta" -> "b";
                    case "c", "pre", "preview" -> "rc";
                    case String other -> other;
                };
                preNumber = number(m.group("preN"));
            }
            List<String> local = m.group("local") == null ? null : List.of(lower(text, m, "local").split("[-_.]"));
            return new Key(epoch, release, preRank, preLetter, preNumber, postLetter, post, dev == null ? ABOVE : 0,
                    dev, local);
        }

        /** A group as written, lower-cased as Python's {@code str.lower()} does (U+0130 becomes i + U+0307). */
        private static String lower(String text, Matcher m, String group) {
            return text.substring(m.start(group), m.end(group)).toLowerCase(Locale.ROOT);
        }

        /** Digits without leading zeros ("" or null = 0), so that numbers compare by length, then lexically. */
        private static String number(String digits) {
            if (digits == null) {
                return "0";
            }
            int first = 0;
            while (first < digits.length() - 1 && digits.charAt(first) == '0') {
                first++;
            }
            return digits.substring(first);
        }

        private static int compareNumbers(String left, String right) {
            return left.length() != right.length() ? Integer.compare(left.length(), right.length())
                    : left.compareTo(right);
        }

        @Override
        public int compareTo(Key other) {
            int result = compareNumbers(epoch, other.epoch);
            for (int i = 0; result == 0 && i < Math.max(release.size(), other.release.size()); i++) {
                if (i >= release.size()) {
                    return -1;
                }
                if (i >= other.release.size()) {
                    return 1;
                }
                result = compareNumbers(release.get(i), other.release.get(i));
            }
            if (result == 0) {
                result = Integer.compare(preRank, other.preRank);
            }
            if (result == 0 && preLetter != null) {
                result = preLetter.compareTo(other.preLetter);
                if (result == 0) {
                    result = compareNumbers(preNumber, other.preNumber);
                }
            }
            if (result == 0) {
                result = post == null ? (other.post == null ? 0 : -1) : other.post == null ? 1 : 0;
            }
            if (result == 0 && post != null) {
                result = postLetter.compareTo(other.postLetter);
                if (result == 0) {
                    result = compareNumbers(post, other.post);
                }
            }
            if (result == 0) {
                result = Integer.compare(devRank, other.devRank);
            }
            if (result == 0 && dev != null) {
                result = compareNumbers(dev, other.dev);
            }
            if (result == 0) {
                result = compareLocal(local, other.local);
            }
            return result;
        }

        /** Absent first; then segment by segment: a number above a string, strings lexically; shorter first. */
        private static int compareLocal(List<String> left, List<String> right) {
            if (left == null || right == null) {
                return left == right ? 0 : left == null ? -1 : 1;
            }
            for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
                String a = left.get(i);
                String b = right.get(i);
                boolean aNumber = isDigits(a);
                boolean bNumber = isDigits(b);
                int result = aNumber && bNumber ? compareNumbers(number(a), number(b))
                        : aNumber ? 1 : bNumber ? -1 : a.compareTo(b);
                if (result != 0) {
                    return result;
                }
            }
            return Integer.compare(left.size(), right.size());
        }

        private static boolean isDigits(String text) {
            return text.chars().allMatch(c -> c >= '0' && c <= '9');
        }
    }
}
