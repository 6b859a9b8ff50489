package io.drydock.platform.versions;

/** The checks every comparator makes before parsing: bounded work on hostile input. */
final class VersionStrings {

    /** Longer versions are refused: no ecosystem publishes them, and comparisons stay cheap. */
    static final int MAX_LENGTH = 1024;

    private VersionStrings() {
    }

    /** Why the string cannot be a version of any ecosystem (null, empty, over-long, NUL inside), or null. */
    static String basicProblem(String version) {
        if (version == null || version.isEmpty()) {
            return "version string is empty";
        }
        if (version.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        if (version.indexOf('\0') >= 0) {
            return "contains NUL";
        }
        return null;
    }
}
