package io.drydock.platform.osv;

import java.util.Objects;

/**
 * One event of an OSV range: from {@code introduced} on the package is affected, from {@code fixed} on it is not,
 * after {@code last_affected} it is not, and at or after a {@code limit} the range says nothing.
 *
 * @param kind    which of the four events
 * @param version the version (or commit, in a GIT range); {@code introduced: "0"} means "since the first version",
 *                {@code limit: "*"} means "no limit"
 */
public record OsvEvent(OsvEvent.Kind kind, String version) {

    public enum Kind {
        INTRODUCED("introduced"), FIXED("fixed"), LAST_AFFECTED("last_affected"), LIMIT("limit");

        private final String field;

        Kind(String field) {
            this.field = field;
        }

        /** The JSON field that carries this event. */
        public String field() {
            return field;
        }
    }

    public OsvEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
    }
}
