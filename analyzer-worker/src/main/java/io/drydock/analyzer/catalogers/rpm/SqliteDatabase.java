package io.drydock.analyzer.catalogers.rpm;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads the {@code Packages} table of rpm's sqlite database ({@code rpmdb.sqlite}) straight from the SQLite file
 * format (https://www.sqlite.org/fileformat2.html): the 100-byte file header, table b-tree interior and leaf pages,
 * overflow pages and the record format. Only what rpm writes is read: UTF-8 text, rowid tables, the main file
 * (a write-ahead log beside it is not replayed; rpm checkpoints it when its transaction ends).
 *
 * <p>The file is hostile input: every page number is checked against the file, every b-tree page is visited at most
 * once (a loop is an error), and the bytes copied out of payloads are bounded by the file size ({@link CopyBudget}).
 */
final class SqliteDatabase {

    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);
    private static final int FILE_HEADER_BYTES = 100;
    private static final int INTERIOR_TABLE_PAGE = 0x05;
    private static final int LEAF_TABLE_PAGE = 0x0d;
    private static final int UTF_8 = 1;
    /** The table rpm's sqlite backend keeps one header blob per row in: {@code (hnum INTEGER PRIMARY KEY, blob)}. */
    static final String PACKAGES_TABLE = "Packages";

    private final byte[] file;
    private final int pageSize;
    private final int usableSize;
    private final int pageCount;
    private final CopyBudget budget;

    private SqliteDatabase(byte[] file) {
        this.file = file;
        if (file.length < FILE_HEADER_BYTES || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new RpmDatabaseException("not an SQLite 3 database (no 'SQLite format 3' header)");
        }
        int rawPageSize = u16(16);
        pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            throw new RpmDatabaseException("SQLite page size " + rawPageSize + " is not a power of two from 512");
        }
        usableSize = pageSize - (file[20] & 0xff);
        if (usableSize < 480) {
            throw new RpmDatabaseException("SQLite usable page size " + usableSize + " is below the minimum 480");
        }
        long encoding = u32(56);
        if (encoding != 0 && encoding != UTF_8) {
            throw new RpmDatabaseException("SQLite text encoding " + encoding + " is not UTF-8");
        }
        // The header's page count may be stale (older writers); the file's length is what can be read.
        pageCount = (int) Math.min(Integer.MAX_VALUE, file.length / pageSize);
        budget = new CopyBudget(file.length);
    }

    /** Hands each package header blob of the {@code Packages} table to the sink, in page order. */
    static void forEachPackageBlob(byte[] file, Consumer<byte[]> sink) {
        SqliteDatabase db = new SqliteDatabase(file);
        int root = db.packagesRootPage();
        db.scanTable(root, (rowid, payload) -> {
            List<Object> columns = decodeRecord(payload);
            if (columns.size() < 2 || !(columns.get(1) instanceof byte[] blob)) {
                throw new RpmDatabaseException("row " + rowid + " of table Packages has no blob in its second column");
            }
            sink.accept(blob);
        });
    }

    /** The root page of the {@code Packages} table, for tests that damage it. */
    static int packagesRootPage(byte[] file) {
        return new SqliteDatabase(file).packagesRootPage();
    }

    /** The schema table (page 1) names each table's root page: {@code (type, name, tbl_name, rootpage, sql)}. */
    private int packagesRootPage() {
        int[] root = {0};
        scanTable(1, (rowid, payload) -> {
            List<Object> row = decodeRecord(payload);
            if (row.size() >= 4 && "table".equals(row.get(0)) && PACKAGES_TABLE.equals(row.get(1))
                    && row.get(3) instanceof Long page) {
                if (page < 1 || page > pageCount) {
                    throw new RpmDatabaseException("table Packages has root page " + page + " outside the file's "
                            + pageCount + " pages");
                }
                root[0] = page.intValue();
            }
        });
        if (root[0] == 0) {
            throw new RpmDatabaseException("the SQLite schema has no table Packages: not an rpm database");
        }
        return root[0];
    }

    private interface RowVisitor {
        void row(long rowid, byte[] payload);
    }

    /** Walks a table b-tree depth-first with an explicit stack; every page is visited at most once. */
    private void scanTable(int rootPage, RowVisitor visitor) {
        BitSet visited = new BitSet();
        Deque<Integer> pending = new ArrayDeque<>();
        pending.push(rootPage);
        while (!pending.isEmpty()) {
            int page = pending.pop();
            if (page < 1 || page > pageCount) {
                throw new RpmDatabaseException("b-tree points to page " + page + " outside the file's " + pageCount
                        + " pages");
            }
            if (visited.get(page)) {
                throw new RpmDatabaseException("b-tree reaches page " + page + " twice: the tree has a loop");
            }
            visited.set(page);
            int pageStart = (page - 1) * pageSize;
            int header = pageStart + (page == 1 ? FILE_HEADER_BYTES : 0);
            int type = file[header] & 0xff;
            int cells = u16(header + 3);
            int headerSize = type == INTERIOR_TABLE_PAGE ? 12 : 8;
            if (type != INTERIOR_TABLE_PAGE && type != LEAF_TABLE_PAGE) {
                throw new RpmDatabaseException("page " + page + " is not a table b-tree page (type " + type + ")");
            }
            if (header - pageStart + headerSize + 2L * cells > usableSize) {
                throw new RpmDatabaseException("page " + page + " claims " + cells + " cells, more than fit");
            }
            int pointers = header + headerSize;
            List<Integer> children = new ArrayList<>();
            for (int i = 0; i < cells; i++) {
                int cell = u16(pointers + 2 * i);
                if (cell < header - pageStart + headerSize || cell >= usableSize) {
                    throw new RpmDatabaseException("page " + page + " has a cell at offset " + cell
                            + " outside its content area");
                }
                int at = pageStart + cell;
                if (type == INTERIOR_TABLE_PAGE) {
                    children.add(pageNumber(u32(at)));
                } else {
                    leafCell(page, pageStart, at, visitor);
                }
            }
            if (type == INTERIOR_TABLE_PAGE) {
                children.add(pageNumber(u32(header + 8)));
                // Pushed in reverse so that rows come out in rowid order.
                for (int i = children.size() - 1; i >= 0; i--) {
                    pending.push(children.get(i));
                }
            }
        }
    }

    private void leafCell(int page, int pageStart, int at, RowVisitor visitor) {
        int pageEnd = pageStart + usableSize;
        long[] payloadSize = varint(at, pageEnd);
        int pos = at + (int) payloadSize[1];
        long[] rowid = varint(pos, pageEnd);
        pos += (int) rowid[1];
        visitor.row(rowid[0], payload(page, pos, pageEnd, payloadSize[0]));
    }

    /**
     * A cell's payload: what fits on the page (the file format's local-size formula for table leaves), then the
     * overflow chain, each page holding a 4-byte next-page number and {@code usableSize - 4} bytes.
     */
    private byte[] payload(int page, int pos, int pageEnd, long size) {
        if (size < 0 || size > file.length) {
            throw new RpmDatabaseException("a cell on page " + page + " claims a " + size
                    + "-byte payload, larger than the file");
        }
        budget.spend(size);
        int total = (int) size;
        int maxLocal = usableSize - 35;
        int local = total;
        if (total > maxLocal) {
            int minLocal = (usableSize - 12) * 32 / 255 - 23;
            local = minLocal + (total - minLocal) % (usableSize - 4);
            if (local > maxLocal) {
                local = minLocal;
            }
        }
        boolean overflows = local < total;
        if (pos + (long) local + (overflows ? 4 : 0) > pageEnd) {
            throw new RpmDatabaseException("a cell on page " + page + " runs past the end of its page");
        }
        byte[] out = Arrays.copyOfRange(file, pos, pos + local);
        if (!overflows) {
            return out;
        }
        out = Arrays.copyOf(out, total);
        int filled = local;
        int next = pageNumber(u32(pos + local));
        // Each hop fills usableSize - 4 > 0 bytes, so the chain ends within total / (usableSize - 4) hops.
        while (filled < total) {
            if (next < 1 || next > pageCount) {
                throw new RpmDatabaseException("overflow chain from page " + page + " points to page " + next
                        + " outside the file's " + pageCount + " pages");
            }
            int start = (next - 1) * pageSize;
            int chunk = Math.min(total - filled, usableSize - 4);
            System.arraycopy(file, start + 4, out, filled, chunk);
            filled += chunk;
            next = pageNumber(u32(start));
        }
        return out;
    }

    /** A record: header size, serial types, then the values (https://www.sqlite.org/fileformat2.html#record_format). */
    static List<Object> decodeRecord(byte[] record) {
        long[] headerSize = varint(record, 0, record.length);
        if (headerSize[0] < headerSize[1] || headerSize[0] > record.length) {
            throw new RpmDatabaseException("record header size " + headerSize[0] + " does not fit its "
                    + record.length + "-byte record");
        }
        int typesEnd = (int) headerSize[0];
        List<Long> types = new ArrayList<>();
        for (int pos = (int) headerSize[1]; pos < typesEnd; ) {
            long[] type = varint(record, pos, typesEnd);
            types.add(type[0]);
            pos += (int) type[1];
        }
        List<Object> values = new ArrayList<>(types.size());
        int pos = typesEnd;
        for (long type : types) {
            int length = valueLength(type);
            if (pos + (long) length > record.length) {
                throw new RpmDatabaseException("record value of serial type " + type + " runs past its record");
            }
            values.add(value(record, pos, type, length));
            pos += length;
        }
        return values;
    }

    private static int valueLength(long serialType) {
        if (serialType >= 12) {
            if (serialType > 2L * Integer.MAX_VALUE) {
                throw new RpmDatabaseException("record value of serial type " + serialType + " is too large");
            }
            return (int) ((serialType - 12) / 2);
        }
        return switch ((int) serialType) {
            case 0, 8, 9 -> 0;
            case 1, 2, 3, 4 -> (int) serialType;
            case 5 -> 6;
            case 6, 7 -> 8;
            default -> throw new RpmDatabaseException("record uses reserved serial type " + serialType);
        };
    }

    private static Object value(byte[] record, int pos, long serialType, int length) {
        if (serialType >= 12) {
            return serialType % 2 == 0 ? Arrays.copyOfRange(record, pos, pos + length)
                    : new String(record, pos, length, StandardCharsets.UTF_8);
        }
        return switch ((int) serialType) {
            case 0 -> null;
            case 8 -> 0L;
            case 9 -> 1L;
            case 7 -> Double.longBitsToDouble(bigEndian(record, pos, 8));
            default -> {
                // Big-endian two's complement of 1, 2, 3, 4, 6 or 8 bytes.
                long value = bigEndian(record, pos, length);
                int unused = 64 - 8 * length;
                yield (value << unused) >> unused;
            }
        };
    }

    private static long bigEndian(byte[] bytes, int pos, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (bytes[pos + i] & 0xff);
        }
        return value;
    }

    private long[] varint(int pos, int limit) {
        return varint(file, pos, limit);
    }

    /** A varint of 1 to 9 bytes: {@code {value, bytes read}}; it must end before {@code limit}. */
    static long[] varint(byte[] bytes, int pos, int limit) {
        long value = 0;
        for (int i = 0; i < 9; i++) {
            if (pos + i >= limit || pos + i >= bytes.length) {
                throw new RpmDatabaseException("varint at offset " + pos + " runs past its page or record");
            }
            int b = bytes[pos + i] & 0xff;
            if (i == 8) {
                return new long[] {(value << 8) | b, 9};
            }
            value = (value << 7) | (b & 0x7f);
            if ((b & 0x80) == 0) {
                return new long[] {value, i + 1};
            }
        }
        throw new IllegalStateException("unreachable");
    }

    private static int pageNumber(long value) {
        return value > Integer.MAX_VALUE ? -1 : (int) value;
    }

    private int u16(int pos) {
        check(pos, 2);
        return ((file[pos] & 0xff) << 8) | (file[pos + 1] & 0xff);
    }

    private long u32(int pos) {
        check(pos, 4);
        return bigEndian(file, pos, 4);
    }

    private void check(int pos, int length) {
        if (pos < 0 || pos + (long) length > file.length) {
            throw new RpmDatabaseException("read at offset " + pos + " runs past the end of the file");
        }
    }
}
