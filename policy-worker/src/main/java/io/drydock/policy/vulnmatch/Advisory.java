package io.drydock.policy.vulnmatch;

import io.drydock.platform.osv.OsvRecord;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One stored OSV record and the feed group it was synced into.
 *
 * @param upstream the record's {@code upstream} ids (Debian, Ubuntu and Alpine name the CVEs a record is about there
 *                 rather than in {@code aliases})
 */
record Advisory(String feed, String group, OsvRecord record, List<String> upstream) {

    private static final List<String> CVE_RECORD_PREFIXES = List.of("DEBIAN-", "UBUNTU-", "ALPINE-");

    Advisory {
        upstream = List.copyOf(upstream);
    }

    /**
     * The CVEs the record is about, in order: its id if it is one (or a distro's {@code DEBIAN-CVE-…} form of one),
     * its CVE aliases, its CVE upstream ids.
     */
    List<String> cves() {
        Set<String> cves = new LinkedHashSet<>();
        String id = record.id();
        for (String prefix : CVE_RECORD_PREFIXES) {
            if (id.startsWith(prefix + "CVE-")) {
                id = id.substring(prefix.length());
            }
        }
        if (id.startsWith("CVE-")) {
            cves.add(id);
        }
        record.cve().ifPresent(cves::add);
        record.aliases().stream().filter(a -> a.startsWith("CVE-")).forEach(cves::add);
        upstream.stream().filter(a -> a.startsWith("CVE-")).forEach(cves::add);
        return List.copyOf(cves);
    }
}
