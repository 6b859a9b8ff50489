package io.drydock.analyzer.catalogers.rpm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads rpm's NDB package database ({@code /usr/lib/sysimage/rpm/Packages.db}, SUSE since SLE 15 SP3 and openSUSE),
 * the format of rpm's {@code lib/backend/ndb/rpmpkg.c}: a 32-byte header ({@code RpmP}, version 0, generation,
 * slot page count) followed by 16-byte slots ({@code Slot}, package index, block offset, block count) filling the
 * slot pages; each used slot points at a blob of 16-byte blocks with a 16-byte header ({@code BlbS}, package index,
 * checksum, length) and the header blob. All integers are little-endian.
 */
final class NdbDatabase {

    private static final int HEADER_MAGIC = 'R' | 'p' << 8 | 'm' << 16 | 'P' << 24;
    private static final int SLOT_MAGIC = 'S' | 'l' << 8 | 'o' << 16 | 't' << 24;
    private static final int BLOB_MAGIC = 'B' | 'l' << 8 | 'b' << 16 | 'S' << 24;
    private static final int VERSION = 0;
    private static final int PAGE_BYTES = 4096;
    private static final int HEADER_BYTES = 32;
    private static final int SLOT_BYTES = 16;
    private static final int BLOCK_BYTES = 16;
    private static final int BLOB_HEADER_BYTES = 16;
    /** The blob's tail: checksum, length and the {@code BlbE} magic. */
    private static final int BLOB_TAIL_BYTES = 12;

    private NdbDatabase() {
    }

    /** Hands each package header blob to the sink, in slot order. */
    static void forEachBlob(byte[] file, Consumer<byte[]> sink) {
        ByteBuffer buffer = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (file.length < HEADER_BYTES || buffer.getInt(0) != HEADER_MAGIC) {
            throw new RpmDatabaseException("not an rpm NDB database (no 'RpmP' header)");
        }
        if (buffer.getInt(4) != VERSION) {
            throw new RpmDatabaseException("rpm NDB version " + buffer.getInt(4) + " is not the known version 0");
        }
        long slotPages = Integer.toUnsignedLong(buffer.getInt(12));
        if (slotPages == 0 || slotPages * PAGE_BYTES > file.length) {
            throw new RpmDatabaseException("rpm NDB header claims " + slotPages + " slot pages, beyond the "
                    + file.length + "-byte file");
        }
        CopyBudget budget = new CopyBudget(file.length);
        int slotsEnd = (int) (slotPages * PAGE_BYTES);
        for (int slot = HEADER_BYTES; slot < slotsEnd; slot += SLOT_BYTES) {
            if (buffer.getInt(slot) != SLOT_MAGIC) {
                throw new RpmDatabaseException("rpm NDB slot at offset " + slot + " has no 'Slot' magic");
            }
            int packageIndex = buffer.getInt(slot + 4);
            if (packageIndex == 0) {
                continue;
            }
            long blockOffset = Integer.toUnsignedLong(buffer.getInt(slot + 8));
            long blockCount = Integer.toUnsignedLong(buffer.getInt(slot + 12));
            sink.accept(blob(file, buffer, packageIndex, blockOffset * BLOCK_BYTES, blockCount * BLOCK_BYTES,
                    budget));
        }
    }

    private static byte[] blob(byte[] file, ByteBuffer buffer, int packageIndex, long start, long size,
            CopyBudget budget) {
        String which = "rpm NDB blob of package " + Integer.toUnsignedString(packageIndex);
        if (start < (long) PAGE_BYTES || start + size > file.length
                || size < BLOB_HEADER_BYTES + BLOB_TAIL_BYTES) {
            throw new RpmDatabaseException(which + " at offset " + start + " (" + size
                    + " bytes) lies outside the file's data area");
        }
        int at = (int) start;
        if (buffer.getInt(at) != BLOB_MAGIC || buffer.getInt(at + 4) != packageIndex) {
            throw new RpmDatabaseException(which + " at offset " + start + " has no matching 'BlbS' header");
        }
        long length = Integer.toUnsignedLong(buffer.getInt(at + 12));
        if (length > size - BLOB_HEADER_BYTES - BLOB_TAIL_BYTES) {
            throw new RpmDatabaseException(which + " claims " + length + " bytes, more than its " + size
                    + "-byte blocks hold");
        }
        budget.spend(length);
        return Arrays.copyOfRange(file, at + BLOB_HEADER_BYTES, at + BLOB_HEADER_BYTES + (int) length);
    }
}
