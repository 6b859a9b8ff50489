package io.drydock.platform.versions;

import java.util.Locale;

/**
 * NuGet's versions as {@code NuGetVersion.TryParse} reads them and {@code VersionComparer.Default} orders them
 * (NuGet.Versioning): surrounding whitespace is trimmed; two to four numeric parts (one is read as {@code X.0}) as
 * {@code System.Version} parses them, so leading zeros are fine ({@code 1.022 == 1.22.0.0}) and each part is a
 * non-negative 32-bit integer; then SemVer 2 release labels ({@code [0-9A-Za-z-]}, not empty, numeric ones without
 * leading zeros) and metadata, which is ignored in comparisons. Parts compare numerically with a missing fourth part
 * as 0; a release sorts after its prereleases; labels compare in turn, numeric (as {@code int.TryParse} reads them)
 * before alphanumeric, alphanumeric ones case-insensitively, more labels after fewer.
 */
public final class NuGetVersionComparator implements VersionComparator {

    /** Drydock's bound; NuGet sets none. */
    static final int MAX_LENGTH = 256;

    private record Parsed(int[] numbers, String[] labels) {
    }

    @Override
    public String ecosystem() {
        return "NuGet";
    }

    @Override
    public boolean isValid(String version) {
        return version.length() <= MAX_LENGTH && parseOrNull(version) != null;
    }

    @Override
    public int compare(String left, String right) {
        Parsed l = parse(left);
        Parsed r = parse(right);
        for (int i = 0; i < 4; i++) {
            if (l.numbers()[i] != r.numbers()[i]) {
                return Integer.compare(l.numbers()[i], r.numbers()[i]);
            }
        }
        if (l.labels() == null || r.labels() == null) {
            return l.labels() == r.labels() ? 0 : l.labels() == null ? 1 : -1;
        }
        for (int i = 0; i < Math.min(l.labels().length, r.labels().length); i++) {
            int order = compareLabels(l.labels()[i], r.labels()[i]);
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(l.labels().length, r.labels().length);
    }

    private Parsed parse(String version) {
        if (version.length() > MAX_LENGTH) {
            throw new InvalidVersionException(ecosystem(), version, "longer than " + MAX_LENGTH + " characters");
        }
        Parsed parsed = parseOrNull(version);
        if (parsed == null) {
            throw new InvalidVersionException(ecosystem(), version,
                    "not 1 to 4 numbers with optional release labels and metadata (NuGetVersion.TryParse)");
        }
        return parsed;
    }

    /** {@code NuGetVersion.TryParse}: trim, split at the first {@code -} or {@code +}, validate each section. */
    private static Parsed parseOrNull(String input) {
        String value = dotnetTrim(input);
        int dash = -1;
        for (int i = 0; i < value.length() && dash < 0; i++) {
            if (value.charAt(i) == '-' || value.charAt(i) == '+') {
                dash = i;
            }
        }
        String versionPart = dash < 0 ? value : value.substring(0, dash);
        String labelPart = null;
        String metadata = null;
        if (dash >= 0 && value.charAt(dash) == '+') {
            metadata = value.substring(dash + 1);
        } else if (dash >= 0) {
            int plus = value.indexOf('+', dash + 1);
            labelPart = plus < 0 ? value.substring(dash + 1) : value.substring(dash + 1, plus);
            metadata = plus < 0 ? null : value.substring(plus + 1);
        }
        int[] numbers = systemVersion(versionPart.indexOf('.') < 0 ? versionPart + ".0" : versionPart);
        if (versionPart.isEmpty() || numbers == null) {
            return null;
        }
        String[] labels = labelPart == null ? null : labelPart.split("\\.", -1);
        if (labels != null) {
            for (String label : labels) {
                if (!isValidPart(label, false)) {
                    return null;
                }
            }
        }
        if (metadata != null) {
            for (String part : metadata.split("\\.", -1)) {
                if (!isValidPart(part, true)) {
                    return null;
                }
            }
        }
        return new Parsed(numbers, labels);
    }

    /**
     * {@code System.Version.TryParse}: 2 to 4 dot-separated parts, each a non-negative {@code int} that may carry
     * surrounding whitespace; missing build and revision are 0 (NuGet's {@code NormalizeVersionValue}).
     */
    private static int[] systemVersion(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length < 2 || parts.length > 4) {
            return null;
        }
        int[] numbers = new int[4];
        for (int i = 0; i < parts.length; i++) {
            String digits = parts[i].strip();
            if (digits.isEmpty() || !parts[i].matches("[\\t-\\r ]*+[0-9]++[\\t-\\r ]*+")) {
                return null;
            }
            try {
                numbers[i] = Integer.parseInt(digits);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return numbers;
    }

    /** {@code SemanticVersion.IsValidPart}: not empty, {@code [0-9A-Za-z-]}, numeric without leading zeros. */
    private static boolean isValidPart(String part, boolean allowLeadingZeros) {
        if (part.isEmpty() || !part.chars().allMatch(c -> c == '-' || c < 128 && Character.isLetterOrDigit(c))) {
            return false;
        }
        return allowLeadingZeros || part.length() == 1 || part.charAt(0) != '0' || !part.matches("[0-9]+");
    }

    /** {@code VersionComparer.CompareRelease}: labels {@code int.TryParse} accepts are numbers and sort first. */
    private static int compareLabels(String x, String y) {
        Integer xNumber = intOrNull(x);
        Integer yNumber = intOrNull(y);
        if (xNumber != null && yNumber != null) {
            return Integer.compare(xNumber, yNumber);
        }
        if (xNumber != null || yNumber != null) {
            return xNumber != null ? -1 : 1;
        }
        return Integer.signum(x.toUpperCase(Locale.ROOT).compareTo(y.toUpperCase(Locale.ROOT)));
    }

    private static Integer intOrNull(String label) {
        if (!label.matches("-?[0-9]+")) {
            return null;
        }
        try {
            return Integer.parseInt(label);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** .NET's {@code String.Trim()}: Unicode white space. */
    private static String dotnetTrim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isDotnetWhiteSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isDotnetWhiteSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isDotnetWhiteSpace(char c) {
        int type = Character.getType(c);
        return (c >= '\t' && c <= '\r') || c == '\u0085' || type == Character.SPACE_SEPARATOR
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }
}
