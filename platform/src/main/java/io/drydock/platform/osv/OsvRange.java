package io.drydock.platform.osv;

import java.util.List;
import java.util.Objects;

/**
 * One {@code affected[].ranges[]} entry.
 *
 * @param type   how the event versions are ordered: the ecosystem's own rules, Semantic Versioning, or git history
 * @param repo   the repository of a GIT range, else usually null
 * @param events the events in the order the record lists them (evaluation sorts them by version)
 */
public record OsvRange(OsvRange.Type type, String repo, List<OsvEvent> events) {

    public enum Type { ECOSYSTEM, SEMVER, GIT }

    public OsvRange {
        Objects.requireNonNull(type, "type");
        events = events == null ? List.of() : List.copyOf(events);
    }
}
