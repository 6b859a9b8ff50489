package io.drydock.feeds.sync;

import io.drydock.feeds.source.osv.FeedSourceException;
import io.drydock.feeds.source.osv.OsvDocument;
import io.drydock.feeds.source.osv.RecordSet;
import io.drydock.platform.osv.DistroNamespaces;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every record of one source, parsed and validated before anything is stored, split into feed groups by the
 * ecosystems of their affected entries ({@code Debian:11} → {@code debian:11}). Only the entries of the source's own
 * ecosystem count: a GitHub advisory in the Maven archive that also names an npm package belongs to the npm archive's
 * sync for that package. What is kept per record is small (id, version, keys); the records are read again from disk
 * when they are stored.
 */
public final class SourceRecords {

    /**
     * One record's place in one group.
     *
     * @param name where it is in the record set
     * @param keys the matching keys of its entries in the group
     */
    public record Candidate(String name, Instant modified, boolean withdrawn, Set<String> keys) {
    }

    /** The records of one group, by id, and the OSV ecosystems seen for it. */
    public record Group(String name, Set<String> ecosystems, Map<String, Candidate> records) {

        /**
         * The OSV ecosystem stored for the group: its namespace's ({@code Red Hat:enterprise_linux:9} for the
         * {@code ::baseos} and {@code ::appstream} streams), or the first seen where an ecosystem has no namespace.
         */
        public String ecosystem() {
            return ecosystems.iterator().next();
        }
    }

    private final String sourceEcosystem;
    private final Map<String, Group> groups;
    private final Set<String> ids;

    private SourceRecords(String sourceEcosystem, Map<String, Group> groups, Set<String> ids) {
        this.sourceEcosystem = sourceEcosystem;
        this.groups = groups;
        this.ids = ids;
    }

    /**
     * Reads and validates every record.
     *
     * @throws FeedSourceException on the first unreadable or malformed record, or an id that appears twice
     */
    public static SourceRecords validate(RecordSet set, String sourceEcosystem, JsonMapper json) throws FeedSourceException {
        Map<String, Group> groups = new TreeMap<>();
        Map<String, String> names = new HashMap<>();
        for (String name : set.names()) {
            OsvDocument record = OsvDocument.parse(name, set.read(name), json);
            String earlier = names.putIfAbsent(record.id(), name);
            if (earlier != null) {
                throw new FeedSourceException("record " + record.id() + " appears twice in " + set.description()
                        + " (" + earlier + " and " + name + ")");
            }
            Map<String, List<OsvDocument.Affected>> byGroup = new TreeMap<>();
            for (OsvDocument.Affected entry : entriesOfSource(record, sourceEcosystem)) {
                byGroup.computeIfAbsent(DistroNamespaces.groupOf(entry.ecosystem()), g -> new ArrayList<>()).add(entry);
            }
            byGroup.forEach((group, entries) -> {
                Group target = groups.computeIfAbsent(group, g -> new Group(g, new LinkedHashSet<>(), new HashMap<>()));
                Set<String> keys = new LinkedHashSet<>();
                for (OsvDocument.Affected entry : entries) {
                    target.ecosystems().add(entry.namespace());
                    keys.add(entry.matchKey());
                }
                target.records().put(record.id(), new Candidate(name, record.modified(), record.isWithdrawn(), Set.copyOf(keys)));
            });
        }
        return new SourceRecords(sourceEcosystem, groups, Set.copyOf(names.keySet()));
    }

    /** The entries of a record that belong to the source's ecosystem ({@code Debian}: {@code Debian:12}, …). */
    public static List<OsvDocument.Affected> entriesOfSource(OsvDocument record, String sourceEcosystem) {
        return record.affected().stream().filter(entry -> belongs(entry.ecosystem(), sourceEcosystem)).toList();
    }

    /** The entries of a record that the given group indexes. */
    public static List<OsvDocument.Affected> entriesOfGroup(OsvDocument record, String sourceEcosystem, String group) {
        return entriesOfSource(record, sourceEcosystem).stream()
                .filter(entry -> group.equals(DistroNamespaces.groupOf(entry.ecosystem())))
                .toList();
    }

    static boolean belongs(String ecosystem, String sourceEcosystem) {
        return ecosystem.equals(sourceEcosystem) || ecosystem.startsWith(sourceEcosystem + ":");
    }

    public String sourceEcosystem() {
        return sourceEcosystem;
    }

    public Map<String, Group> groups() {
        return groups;
    }

    /** Every record id of the source (an incremental sync's scope: a listed record no longer in a group leaves it). */
    public Set<String> ids() {
        return ids;
    }
}
