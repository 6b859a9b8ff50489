package io.drydock.feeds.sync;

import java.util.Set;

/**
 * What one sync changed in one group.
 *
 * @param affectedKeys the matching keys of the old and new affected entries of every added, changed or removed record
 */
public record GroupChanges(int added, int updated, int removed, Set<String> affectedKeys) {

    public int total() {
        return added + updated + removed;
    }
}
