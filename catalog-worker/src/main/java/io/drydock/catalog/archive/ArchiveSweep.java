package io.drydock.catalog.archive;

import io.drydock.platform.objectstore.ArchivedImages;
import io.drydock.platform.objectstore.ObjectStore;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import static io.drydock.schemas.db.Tables.IMAGE;

/**
 * Removes uploaded archives from the object store once no image record of any account references their digest
 * (the images were deleted, or an upload failed before it was recorded). Each digest is checked and removed under
 * its archive lock, which an upload in progress holds, so a digest being uploaded again is never swept.
 */
@Component
public class ArchiveSweep {

    private static final Logger log = LoggerFactory.getLogger(ArchiveSweep.class);

    private final ObjectStore store;
    private final DSLContext dsl;
    private final TransactionTemplate transactions;

    public ArchiveSweep(ObjectStore store, DSLContext dsl, TransactionTemplate transactions) {
        this.store = store;
        this.dsl = dsl;
        this.transactions = transactions;
    }

    @Scheduled(fixedDelayString = "${drydock.catalog.archive-sweep-interval:10m}",
            initialDelayString = "${drydock.catalog.archive-sweep-interval:10m}")
    public void scheduled() {
        sweep();
    }

    /** Sweeps once; returns the digests whose archives were removed. */
    public List<String> sweep() {
        List<String> stored;
        try {
            stored = store.children(ArchivedImages.ROOT);
        } catch (IOException e) {
            log.warn("Cannot list the archived images in the object store: {}", e.getMessage());
            return List.of();
        }
        List<String> removed = new java.util.ArrayList<>();
        for (String name : stored) {
            String digest = ArchivedImages.digestOfPrefix(name);
            if (digest != null && Boolean.TRUE.equals(transactions.execute(status -> sweep(digest)))) {
                removed.add(digest);
            }
        }
        if (!removed.isEmpty()) {
            log.info("Removed {} archived images no image record references: {}", removed.size(), removed);
        }
        return removed;
    }

    private boolean sweep(String digest) {
        Boolean locked = dsl.resultQuery("select pg_try_advisory_xact_lock({0}, hashtext({1}))",
                DSL.val(ArchivedImages.LOCK_CLASS), DSL.val(digest)).fetchOne(0, Boolean.class);
        if (!Boolean.TRUE.equals(locked) || dsl.fetchExists(IMAGE, IMAGE.DIGEST.eq(digest))) {
            return false;
        }
        try {
            store.deleteAll(ArchivedImages.prefix(digest));
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("removing the archive of " + digest + " failed", e);
        }
    }
}
