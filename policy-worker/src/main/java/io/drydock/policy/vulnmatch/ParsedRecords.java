package io.drydock.policy.vulnmatch;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The advisories parsed from stored OSV records, most recently used kept, keyed by
 * {@code feed/group/id@modified#length:hash} of the stored text, so a changed record is never served from an old
 * parse. Parsing dominated matching (a Debian base image has about 1,500 candidate records and
 * every image holds mostly the same ones), see docs/benchmarks.md.
 */
final class ParsedRecords {

    private final Map<String, Optional<Advisory>> entries;

    ParsedRecords(int capacity) {
        this.entries = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Optional<Advisory>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached parse, or {@code parse}'s (cached too, a failed one included so it is logged once). */
    Optional<Advisory> get(String key, Supplier<Optional<Advisory>> parse) {
        synchronized (entries) {
            Optional<Advisory> cached = entries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        Optional<Advisory> parsed = parse.get();
        synchronized (entries) {
            entries.put(key, parsed);
        }
        return parsed;
    }
}
