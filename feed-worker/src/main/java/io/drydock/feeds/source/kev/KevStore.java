package io.drydock.feeds.source.kev;

import org.jooq.DSLContext;
import org.jooq.Query;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.drydock.schemas.db.Tables.KEV_ENTRY;

/** Replaces the stored KEV catalog with a new one, in the caller's transaction. */
public final class KevStore {

    /** What the replacement changed. */
    public record Counts(int added, int updated, int removed) {
    }

    public Counts replace(DSLContext tx, List<KevEntry> entries) {
        Map<String, KevEntry> stored = tx.selectFrom(KEV_ENTRY).fetchMap(KEV_ENTRY.CVE_ID,
                r -> new KevEntry(r.getCveId(), r.getVendorProject(), r.getProduct(), r.getVulnerabilityName(),
                        r.getDateAdded(), r.getDueDate(), r.getKnownRansomware(), r.getRequiredAction()));
        int added = 0;
        int updated = 0;
        Set<String> present = new HashSet<>();
        List<Query> writes = new ArrayList<>();
        for (KevEntry entry : entries) {
            if (!present.add(entry.cveId())) {
                continue;
            }
            KevEntry before = stored.get(entry.cveId());
            if (entry.equals(before)) {
                continue;
            }
            if (before == null) {
                added++;
            } else {
                updated++;
            }
            writes.add(tx.insertInto(KEV_ENTRY)
                    .set(KEV_ENTRY.CVE_ID, entry.cveId())
                    .set(KEV_ENTRY.VENDOR_PROJECT, entry.vendorProject())
                    .set(KEV_ENTRY.PRODUCT, entry.product())
                    .set(KEV_ENTRY.VULNERABILITY_NAME, entry.vulnerabilityName())
                    .set(KEV_ENTRY.DATE_ADDED, entry.dateAdded())
                    .set(KEV_ENTRY.DUE_DATE, entry.dueDate())
                    .set(KEV_ENTRY.KNOWN_RANSOMWARE, entry.knownRansomware())
                    .set(KEV_ENTRY.REQUIRED_ACTION, entry.requiredAction())
                    .onConflict(KEV_ENTRY.CVE_ID).doUpdate().setAllToExcluded());
        }
        if (!writes.isEmpty()) {
            tx.batch(writes).execute();
        }
        Set<String> gone = new HashSet<>(stored.keySet());
        gone.removeAll(present);
        if (!gone.isEmpty()) {
            tx.deleteFrom(KEV_ENTRY).where(KEV_ENTRY.CVE_ID.in(gone)).execute();
        }
        return new Counts(added, updated, gone.size());
    }
}
