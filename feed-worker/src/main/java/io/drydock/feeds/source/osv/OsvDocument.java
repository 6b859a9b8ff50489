package io.drydock.feeds.source.osv;

import io.drydock.platform.osv.DistroNamespaces;
import io.drydock.platform.osv.MalformedOsvRecordException;
import io.drydock.platform.osv.MatchKeys;
import io.drydock.platform.osv.OsvAffected;
import io.drydock.platform.osv.OsvEvent;
import io.drydock.platform.osv.OsvParser;
import io.drydock.platform.osv.OsvRange;
import io.drydock.platform.osv.OsvRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * One OSV record as the sync stores it: the strictly parsed fields, the bytes as received, and each affected entry
 * with its matching key, its fix versions and its own JSON.
 *
 * @param raw      the record as received (stored as {@code vulnerability.record})
 * @param affected every affected entry, in record order ({@code ordinal} is the index in {@code affected[]})
 */
public record OsvDocument(String id, Instant modified, Instant published, Instant withdrawn, List<String> aliases,
                          String summary, byte[] raw, List<Affected> affected) {

    /**
     * @param ordinal       index in the record's {@code affected[]}
     * @param ecosystem     the OSV ecosystem as the entry names it, e.g. {@code Debian:12},
     *                      {@code Red Hat:enterprise_linux:9::baseos}
     * @param namespace     the ecosystem of the namespace it is stored under ({@code Red Hat:enterprise_linux:9}), the
     *                      one an image's packages are keyed by; the entry's own where it has no namespace
     * @param matchKey      {@code <namespace>/<normalised name>}
     * @param fixedVersions the {@code fixed} events of its ECOSYSTEM and SEMVER ranges (GIT fixes are commits)
     * @param json          the entry as received
     */
    public record Affected(int ordinal, String ecosystem, String namespace, String packageName, String matchKey,
                           List<String> fixedVersions, String json) {
    }

    public boolean isWithdrawn() {
        return withdrawn != null;
    }

    /**
     * Parses and validates one record.
     *
     * @param name where it came from (entry or file name), for the error
     * @throws FeedSourceException naming the record and the problem
     */
    public static OsvDocument parse(String name, byte[] raw, JsonMapper json) throws FeedSourceException {
        OsvRecord record;
        try {
            record = OsvParser.parse(raw);
        } catch (MalformedOsvRecordException e) {
            throw new FeedSourceException("malformed OSV record " + name + ": " + e.getMessage(), e);
        }
        JsonNode tree;
        try {
            tree = json.readTree(raw);
        } catch (JacksonException e) {
            throw new FeedSourceException("malformed OSV record " + name + ": " + e.getOriginalMessage(), e);
        }
        JsonNode entries = tree.path("affected");
        if (entries.size() != record.affected().size()) {
            throw new FeedSourceException("malformed OSV record " + name + ": affected[] could not be read entry by entry");
        }
        List<Affected> affected = new ArrayList<>();
        for (int i = 0; i < record.affected().size(); i++) {
            OsvAffected entry = record.affected().get(i);
            if (entry.ecosystem() == null || entry.ecosystem().isBlank() || entry.packageName() == null || entry.packageName().isBlank()) {
                // An entry without a package (only ranges of a GIT repository) matches no installed package.
                continue;
            }
            LinkedHashSet<String> fixed = new LinkedHashSet<>();
            for (OsvRange range : entry.ranges()) {
                if (range.type() == OsvRange.Type.GIT) {
                    continue;
                }
                for (OsvEvent event : range.events()) {
                    if (event.kind() == OsvEvent.Kind.FIXED) {
                        fixed.add(event.version());
                    }
                }
            }
            String namespace = DistroNamespaces.namespaceOf(entry.ecosystem()).map(DistroNamespaces.DistroNamespace::osvEcosystem)
                    .orElse(entry.ecosystem());
            affected.add(new Affected(i, entry.ecosystem(), namespace, entry.packageName(), MatchKeys.of(namespace, entry.packageName()),
                    List.copyOf(fixed), json.writeValueAsString(entries.get(i))));
        }
        return new OsvDocument(record.id(), record.modified(), record.published(), record.withdrawn(), record.aliases(),
                record.summary(), raw, List.copyOf(affected));
    }
}
