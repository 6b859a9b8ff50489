package io.drydock.analyzer.catalogers.rpm;

/**
 * Bounds the bytes a database reader copies out of one file. In a sound database every byte belongs to at most one
 * record, so the records together never exceed the file; crafted page pointers that make many records share the
 * same pages would otherwise turn a small file into quadratic work.
 */
final class CopyBudget {

    private final long limit;
    private long used;

    CopyBudget(long fileBytes) {
        this.limit = fileBytes;
    }

    void spend(long bytes) {
        used += bytes;
        if (bytes < 0 || used > limit) {
            throw new RpmDatabaseException("records total more bytes than the " + limit
                    + "-byte file holds: pages are shared between records");
        }
    }
}
