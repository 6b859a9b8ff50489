package io.drydock.policy.gate;

/**
 * One configured search (secret or content search) that matched somewhere in one file. The analyzer keeps names and
 * line numbers only, never the matched text.
 *
 * @param path  absolute path in the image
 * @param name  the search's name, e.g. {@code AWS_ACCESS_KEY}
 * @param regex the search's regex as configured
 */
public record SearchMatch(String path, String name, String regex) {

    /**
     * The search as Anchore configures and reports it, {@code NAME=regex}; its messages (and so its trigger ids) print
     * this text.
     */
    public String spec() {
        return name == null ? regex : name + "=" + regex;
    }

    /** The name read back from {@link #spec()} as Anchore does (up to the first {@code =}), null if there is none. */
    String specName() {
        int equals = spec().indexOf('=');
        return equals < 0 ? null : spec().substring(0, equals);
    }

    /** The regex read back from {@link #spec()} as Anchore does (after the first {@code =}). */
    String specRegex() {
        int equals = spec().indexOf('=');
        return equals < 0 ? spec() : spec().substring(equals + 1);
    }
}
