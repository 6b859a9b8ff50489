package io.drydock.analyzer.catalogers.rpm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Reads the values of rpm's Berkeley DB hash database ({@code /var/lib/rpm/Packages}, RHEL up to 8, CentOS, Amazon
 * Linux 2) from the on-disk page layout of Berkeley DB (libdb {@code dbinc/db_page.h}, {@code dbinc/hash.h}):
 * the metadata page 0, then every hash page's key/value item pairs, values either on the page ({@code H_KEYDATA})
 * or in a chain of overflow pages ({@code H_OFFPAGE}). Pages are read in file order, not through the bucket
 * structure, as go-rpmdb and syft do: each item lives on exactly one hash page.
 *
 * <p>The byte order is the writer's, recognised from the metadata magic. Key 0 holds rpm's next-instance counter,
 * not a package, and is skipped.
 */
final class BerkeleyDbHash {

    private static final int HASH_MAGIC = 0x061561;
    private static final int PAGE_HEADER_BYTES = 26;
    private static final int META_BYTES = 512;
    private static final int P_HASH_UNSORTED = 2;
    private static final int P_OVERFLOW = 7;
    private static final int P_HASHMETA = 8;
    private static final int P_HASH = 13;
    private static final int H_KEYDATA = 1;
    private static final int H_DUPLICATE = 2;
    private static final int H_OFFPAGE = 3;
    private static final int H_OFFDUP = 4;

    private final byte[] file;
    private final ByteBuffer buffer;
    private final int pageSize;
    private final long pageCount;
    private final CopyBudget budget;

    private BerkeleyDbHash(byte[] file) {
        this.file = file;
        if (file.length < META_BYTES) {
            throw new RpmDatabaseException("not a Berkeley DB hash database (" + file.length + " bytes)");
        }
        ByteBuffer little = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        if (little.getInt(12) == HASH_MAGIC) {
            buffer = little;
        } else if (little.order(ByteOrder.BIG_ENDIAN).getInt(12) == HASH_MAGIC) {
            buffer = ByteBuffer.wrap(file).order(ByteOrder.BIG_ENDIAN);
        } else {
            throw new RpmDatabaseException("not a Berkeley DB hash database (no hash magic 0x061561)");
        }
        pageSize = buffer.getInt(20);
        if (pageSize < META_BYTES || pageSize > 65536 || Integer.bitCount(pageSize) != 1) {
            throw new RpmDatabaseException("Berkeley DB page size " + pageSize + " is not a power of two from 512"
                    + " to 65536");
        }
        if (file[24] != 0) {
            throw new RpmDatabaseException("the Berkeley DB database is encrypted");
        }
        if (file[25] != P_HASHMETA) {
            throw new RpmDatabaseException("Berkeley DB page 0 is not a hash metadata page (type " + file[25] + ")");
        }
        long lastPage = Integer.toUnsignedLong(buffer.getInt(32));
        if ((lastPage + 1) * pageSize > file.length) {
            throw new RpmDatabaseException("Berkeley DB metadata names page " + lastPage + " as its last, beyond the "
                    + file.length + "-byte file: truncated");
        }
        pageCount = lastPage + 1;
        budget = new CopyBudget(file.length);
    }

    /** Hands each stored value (a package header blob) to the sink, in page order. */
    static void forEachValue(byte[] file, Consumer<byte[]> sink) {
        new BerkeleyDbHash(file).scan(sink);
    }

    private void scan(Consumer<byte[]> sink) {
        for (long page = 1; page < pageCount; page++) {
            int start = (int) (page * pageSize);
            int type = file[start + 25] & 0xff;
            if (type != P_HASH && type != P_HASH_UNSORTED) {
                continue;
            }
            int entries = u16(start + 20);
            if (PAGE_HEADER_BYTES + 2L * entries > pageSize) {
                throw new RpmDatabaseException("hash page " + page + " claims " + entries + " items, more than fit");
            }
            // Items alternate key, value; an item runs from its offset to the previous item's (or the page end).
            for (int i = 0; i + 1 < entries; i += 2) {
                int keyOffset = itemOffset(start, page, i);
                int keyEnd = i == 0 ? pageSize : itemOffset(start, page, i - 1);
                int valueOffset = itemOffset(start, page, i + 1);
                if (keyOffset >= keyEnd || valueOffset >= keyOffset) {
                    throw new RpmDatabaseException("hash page " + page + " has overlapping items at index " + i);
                }
                if (isCounterKey(start, keyOffset, keyEnd)) {
                    continue;
                }
                sink.accept(value(page, start, valueOffset, keyOffset));
            }
        }
    }

    private byte[] value(long page, int start, int offset, int end) {
        int itemType = file[start + offset] & 0xff;
        switch (itemType) {
            case H_KEYDATA -> {
                budget.spend(end - offset - 1L);
                return Arrays.copyOfRange(file, start + offset + 1, start + end);
            }
            case H_OFFPAGE -> {
                if (offset + 12 > end) {
                    throw new RpmDatabaseException("hash page " + page + " has a truncated off-page item");
                }
                long firstPage = Integer.toUnsignedLong(buffer.getInt(start + offset + 4));
                long length = Integer.toUnsignedLong(buffer.getInt(start + offset + 8));
                return overflow(page, firstPage, length);
            }
            case H_DUPLICATE, H_OFFDUP -> throw new RpmDatabaseException("hash page " + page
                    + " holds duplicate items, which rpm databases do not use");
            default -> throw new RpmDatabaseException("hash page " + page + " has an item of unknown type "
                    + itemType);
        }
    }

    /** An off-page value: overflow pages, each holding {@code hf_offset} bytes after its header, linked by next. */
    private byte[] overflow(long fromPage, long firstPage, long length) {
        if (length > file.length) {
            throw new RpmDatabaseException("hash page " + fromPage + " has a " + length
                    + "-byte value, larger than the file");
        }
        budget.spend(length);
        byte[] out = new byte[(int) length];
        int filled = 0;
        long page = firstPage;
        // Every hop adds at least one byte, so the chain ends within length hops.
        while (filled < length) {
            if (page < 1 || page >= pageCount) {
                throw new RpmDatabaseException("overflow chain from hash page " + fromPage + " points to page " + page
                        + " outside the database's " + pageCount + " pages");
            }
            int start = (int) (page * pageSize);
            if ((file[start + 25] & 0xff) != P_OVERFLOW) {
                throw new RpmDatabaseException("overflow chain from hash page " + fromPage + " reaches page " + page
                        + ", which is not an overflow page");
            }
            int used = u16(start + 22);
            if (used == 0 || PAGE_HEADER_BYTES + used > pageSize) {
                throw new RpmDatabaseException("overflow page " + page + " claims " + used + " bytes");
            }
            int chunk = (int) Math.min(used, length - filled);
            System.arraycopy(file, start + PAGE_HEADER_BYTES, out, filled, chunk);
            filled += chunk;
            page = Integer.toUnsignedLong(buffer.getInt(start + 16));
        }
        return out;
    }

    /** rpm stores its next header instance under key 0 (a 4-byte integer); that record is not a package. */
    private boolean isCounterKey(int start, int keyOffset, int keyEnd) {
        if ((file[start + keyOffset] & 0xff) != H_KEYDATA || keyEnd - keyOffset != 5) {
            return false;
        }
        return buffer.getInt(start + keyOffset + 1) == 0;
    }

    private int itemOffset(int start, long page, int index) {
        int offset = u16(start + PAGE_HEADER_BYTES + 2 * index);
        if (offset < PAGE_HEADER_BYTES || offset >= pageSize) {
            throw new RpmDatabaseException("hash page " + page + " has item " + index + " at offset " + offset
                    + " outside the page");
        }
        return offset;
    }

    private int u16(int pos) {
        return Short.toUnsignedInt(buffer.getShort(pos));
    }
}
