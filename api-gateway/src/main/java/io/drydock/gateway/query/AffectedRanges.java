package io.drydock.gateway.query;

import io.drydock.platform.versions.InvalidVersionException;
import io.drydock.platform.versions.SemVerComparator;
import io.drydock.platform.versions.VersionComparator;
import io.drydock.platform.versions.VersionComparators;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a version is affected by one OSV {@code affected[]} entry: listed in its {@code versions}, or inside one of
 * its {@code ECOSYSTEM} (the ecosystem's own comparator) or {@code SEMVER} ranges, evaluated as the OSV schema
 * describes (events in version order; {@code introduced} opens, {@code fixed} and {@code limit} close at the version,
 * {@code last_affected} after it). {@code GIT} ranges name commits, not versions, and never match. A version the
 * ecosystem cannot compare is not affected.
 */
final class AffectedRanges {

    private AffectedRanges() {
    }

    static boolean affects(JsonNode affected, String version) {
        for (JsonNode listed : affected.path("versions")) {
            if (version.equals(listed.asString())) {
                return true;
            }
        }
        String ecosystem = affected.path("package").path("ecosystem").asString("");
        for (JsonNode range : affected.path("ranges")) {
            Optional<VersionComparator> comparator = switch (range.path("type").asString("")) {
                case "SEMVER" -> Optional.of(SemVerComparator.SEMVER);
                case "ECOSYSTEM" -> VersionComparators.forEcosystem(ecosystem);
                default -> Optional.empty();
            };
            if (comparator.isPresent() && inRange(range.path("events"), version, comparator.get())) {
                return true;
            }
        }
        return false;
    }

    private static boolean inRange(JsonNode eventNodes, String version, VersionComparator comparator) {
        List<Event> events = new ArrayList<>();
        for (JsonNode event : eventNodes) {
            for (String kind : List.of("introduced", "fixed", "last_affected", "limit")) {
                if (event.hasNonNull(kind)) {
                    events.add(new Event(kind, event.get(kind).asString()));
                }
            }
        }
        try {
            events.sort((a, b) -> a.isZero() ? (b.isZero() ? 0 : -1) : b.isZero() ? 1
                    : comparator.compare(a.version(), b.version()));
            boolean affected = false;
            for (Event event : events) {
                int position = event.isZero() ? 1 : comparator.compare(version, event.version());
                switch (event.kind()) {
                    case "introduced" -> affected = affected || position >= 0;
                    case "fixed", "limit" -> affected = affected && position < 0;
                    default -> affected = affected && position <= 0;
                }
            }
            return affected;
        } catch (InvalidVersionException e) {
            return false;
        }
    }

    private record Event(String kind, String version) {
        /** {@code introduced: "0"}: before every version. */
        boolean isZero() {
            return kind.equals("introduced") && version.equals("0");
        }
    }
}
