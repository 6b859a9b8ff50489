package io.drydock.platform.versions;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Alpine package versions, {@code digit{.digit}...{letter}{_suffix{digits}}...{~hash}{-rN}}, validated and ordered
 * as apk-tools' {@code apk_version_validate} and {@code apk_version_compare} (src/version.c) do:
 * <ul>
 *   <li>the first number and every number after {@code .} compare numerically (as 64-bit unsigned values, wrapping
 *       as apk-tools' {@code apk_blob_pull_uint} wraps), except that a later number with a leading zero on either
 *       side compares as a string ({@code 1.05 < 1.1}, the Gentoo rule);</li>
 *   <li>one lower-case letter may follow a number ({@code 1.2a});</li>
 *   <li>suffixes {@code _alpha < _beta < _pre < _rc <} (none) {@code < _cvs < _svn < _git < _hg < _p}, each with an
 *       optional number;</li>
 *   <li>a commit hash {@code ~[0-9a-f]+} compares as a string; the revision {@code -rN} numerically;</li>
 *   <li>when one version is a prefix of the other, the longer one is newer unless what follows is a pre-release
 *       suffix.</li>
 * </ul>
 * apk-tools still orders versions it would not validate (up to the first bad token); this comparator refuses them,
 * so a match is never decided on one. Strings longer than {@value VersionStrings#MAX_LENGTH} characters are refused
 * too.
 */
public final class ApkVersionComparator implements VersionComparator {

    private static final List<String> SUFFIXES =
            List.of("alpha", "beta", "pre", "rc", "", "cvs", "svn", "git", "hg", "p");
    private static final int SUFFIX_NONE = SUFFIXES.indexOf("");

    /** Token kinds in the order apk-tools declares them: a version ending earlier is older (see compare). */
    private enum Token { INITIAL_DIGIT, DIGIT, LETTER, SUFFIX, SUFFIX_NO, COMMIT_HASH, REVISION_NO, END, INVALID }

    @Override
    public String ecosystem() {
        return "Alpine";
    }

    @Override
    public boolean isValid(String version) {
        if (VersionStrings.basicProblem(version) != null) {
            return false;
        }
        Tokenizer t = new Tokenizer(version);
        while (t.token.compareTo(Token.END) < 0) {
            t.next();
        }
        return t.token == Token.END;
    }

    @Override
    public int compare(String left, String right) {
        requireValid(left);
        requireValid(right);
        Tokenizer a = new Tokenizer(left);
        Tokenizer b = new Tokenizer(right);
        while (a.token == b.token && a.token.compareTo(Token.END) < 0) {
            int rc = compareTokens(a, b);
            if (rc != 0) {
                return rc;
            }
            a.next();
            b.next();
        }
        if (a.token == b.token) {
            return 0;
        }
        if (a.token == Token.SUFFIX && a.suffix < SUFFIX_NONE) {
            return -1;
        }
        if (b.token == Token.SUFFIX && b.suffix < SUFFIX_NONE) {
            return 1;
        }
        return a.token.compareTo(b.token) > 0 ? -1 : 1;
    }

    private void requireValid(String version) {
        if (!isValid(version)) {
            String basic = VersionStrings.basicProblem(version);
            throw new InvalidVersionException(ecosystem(), String.valueOf(version), basic != null ? basic
                    : "apk-tools does not accept it (digit{.digit}...{letter}{_suffix{digits}}...{~hash}{-rN})");
        }
    }

    private static int compareTokens(Tokenizer a, Tokenizer b) {
        switch (a.token) {
            case DIGIT:
                if (a.bytes[a.valueStart] == '0' || b.bytes[b.valueStart] == '0') {
                    return compareValues(a, b);
                }
                return Long.compareUnsigned(a.number, b.number);
            case INITIAL_DIGIT:
            case SUFFIX_NO:
            case REVISION_NO:
                return Long.compareUnsigned(a.number, b.number);
            case LETTER:
                return Integer.compare(a.bytes[a.valueStart], b.bytes[b.valueStart]);
            case SUFFIX:
                return Integer.compare(a.suffix, b.suffix);
            default:
                return compareValues(a, b);
        }
    }

    private static int compareValues(Tokenizer a, Tokenizer b) {
        return Integer.signum(
                Arrays.compareUnsigned(a.bytes, a.valueStart, a.valueEnd, b.bytes, b.valueStart, b.valueEnd));
    }

    /** Walks a version one token at a time, as apk-tools' token_first/token_next. */
    private static final class Tokenizer {
        private final byte[] bytes;
        private int pos;
        private Token token;
        private int valueStart;
        private int valueEnd;
        private long number;
        private int suffix;

        Tokenizer(String version) {
            bytes = version.getBytes(StandardCharsets.UTF_8);
            token = Token.INITIAL_DIGIT;
            parseDigits();
        }

        void next() {
            if (pos >= bytes.length) {
                token = Token.END;
                return;
            }
            byte c = bytes[pos];
            if (c >= 'a' && c <= 'z') {
                if (token.compareTo(Token.DIGIT) > 0) {
                    token = Token.INVALID;
                    return;
                }
                valueStart = pos;
                valueEnd = ++pos;
                token = Token.LETTER;
            } else if (c == '.' || (c >= '0' && c <= '9')) {
                if (c == '.') {
                    if (token.compareTo(Token.DIGIT) > 0) {
                        token = Token.INVALID;
                        return;
                    }
                    pos++;
                }
                switch (token) {
                    case INITIAL_DIGIT, DIGIT -> token = Token.DIGIT;
                    case SUFFIX -> token = Token.SUFFIX_NO;
                    default -> {
                        token = Token.INVALID;
                        return;
                    }
                }
                parseDigits();
            } else if (c == '_') {
                if (token.compareTo(Token.SUFFIX_NO) > 0) {
                    token = Token.INVALID;
                    return;
                }
                valueStart = ++pos;
                while (pos < bytes.length && bytes[pos] >= 'a' && bytes[pos] <= 'z') {
                    pos++;
                }
                valueEnd = pos;
                String name = new String(bytes, valueStart, valueEnd - valueStart, StandardCharsets.US_ASCII);
                suffix = name.isEmpty() ? -1 : SUFFIXES.indexOf(name);
                token = suffix < 0 ? Token.INVALID : Token.SUFFIX;
            } else if (c == '~') {
                if (token.compareTo(Token.COMMIT_HASH) >= 0) {
                    token = Token.INVALID;
                    return;
                }
                valueStart = ++pos;
                while (pos < bytes.length && isHexDigit(bytes[pos])) {
                    pos++;
                }
                valueEnd = pos;
                token = valueEnd == valueStart ? Token.INVALID : Token.COMMIT_HASH;
            } else if (c == '-') {
                if (token.compareTo(Token.REVISION_NO) >= 0 || pos + 1 >= bytes.length || bytes[pos + 1] != 'r') {
                    token = Token.INVALID;
                    return;
                }
                pos += 2;
                token = Token.REVISION_NO;
                parseDigits();
            } else {
                token = Token.INVALID;
            }
        }

        /** A run of digits as apk_blob_pull_uint reads it: unsigned 64-bit, wrapping on overflow. */
        private void parseDigits() {
            valueStart = pos;
            long value = 0;
            while (pos < bytes.length && bytes[pos] >= '0' && bytes[pos] <= '9') {
                value = value * 10 + (bytes[pos++] - '0');
            }
            valueEnd = pos;
            number = value;
            if (valueEnd == valueStart) {
                token = Token.INVALID;
            }
        }

        private static boolean isHexDigit(byte c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }
    }
}
