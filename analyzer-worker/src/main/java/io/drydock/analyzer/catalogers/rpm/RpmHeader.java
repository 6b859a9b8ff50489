package io.drydock.analyzer.catalogers.rpm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A package header as rpm stores it in its database (the header's "blob" form, rpm's {@code headerImport}): a count
 * of index entries and a data length (big-endian 32-bit), the 16-byte index entries (tag, type, offset, count) and
 * the data store. The first entry is normally the immutable region ({@code RPMTAG_HEADERIMMUTABLE}), whose trailer
 * in the data store names how many entries the signed region covers; it is checked, then the tags are read from the
 * index like any other. Every offset, count and string is checked against the data store.
 */
final class RpmHeader {

    static final int NAME = 1000;
    static final int VERSION = 1001;
    static final int RELEASE = 1002;
    static final int EPOCH = 1003;
    static final int SIZE = 1009;
    static final int VENDOR = 1011;
    static final int LICENSE = 1014;
    static final int ARCH = 1022;
    static final int OLDFILENAMES = 1027;
    static final int FILEMODES = 1030;
    static final int SOURCERPM = 1044;
    static final int DIRINDEXES = 1116;
    static final int BASENAMES = 1117;
    static final int DIRNAMES = 1118;
    static final int LONGSIZE = 5009;

    private static final int HEADERIMAGE = 61;
    private static final int HEADERSIGNATURES = 62;
    private static final int HEADERIMMUTABLE = 63;

    private static final int TYPE_INT16 = 3;
    private static final int TYPE_INT32 = 4;
    private static final int TYPE_INT64 = 5;
    private static final int TYPE_STRING = 6;
    private static final int TYPE_BIN = 7;
    private static final int TYPE_STRING_ARRAY = 8;
    private static final int TYPE_I18NSTRING = 9;
    private static final int MAX_TYPE = 9;

    /** rpm's own bounds ({@code HEADER_TAGS_MAX}, {@code HEADER_DATA_MAX}). */
    private static final int MAX_ENTRIES = 0xffff;
    private static final int MAX_DATA_BYTES = 0x0fffffff;
    private static final int ENTRY_BYTES = 16;
    /**
     * Elements one array tag may hold. The largest distro packages list some hundred thousand files; the bound keeps a
     * crafted header from expanding its data (one byte per empty string, two per 16-bit integer) into gigabytes of
     * Java objects.
     */
    static final int MAX_ARRAY_ELEMENTS = 1_000_000;

    private record Entry(int tag, int type, int offset, int count) {
    }

    private final ByteBuffer data;
    private final Map<Integer, Entry> entries;

    private RpmHeader(ByteBuffer data, Map<Integer, Entry> entries) {
        this.data = data;
        this.entries = entries;
    }

    static RpmHeader parse(byte[] blob) {
        if (blob.length < 8) {
            throw new RpmDatabaseException("package header of " + blob.length + " bytes is truncated");
        }
        ByteBuffer in = ByteBuffer.wrap(blob);
        int indexCount = in.getInt(0);
        int dataLength = in.getInt(4);
        if (indexCount < 1 || indexCount > MAX_ENTRIES || dataLength < 0 || dataLength > MAX_DATA_BYTES) {
            throw new RpmDatabaseException("package header claims " + indexCount + " entries and " + dataLength
                    + " data bytes, outside rpm's bounds");
        }
        long dataStart = 8L + (long) indexCount * ENTRY_BYTES;
        if (dataStart + dataLength > blob.length) {
            throw new RpmDatabaseException("package header claims " + indexCount + " entries and " + dataLength
                    + " data bytes, more than its " + blob.length + " bytes");
        }
        ByteBuffer data = ByteBuffer.wrap(blob, (int) dataStart, dataLength).slice();
        Map<Integer, Entry> entries = new HashMap<>();
        for (int i = 0; i < indexCount; i++) {
            int at = 8 + i * ENTRY_BYTES;
            Entry entry = new Entry(in.getInt(at), in.getInt(at + 4), in.getInt(at + 8), in.getInt(at + 12));
            if (entry.type() < 0 || entry.type() > MAX_TYPE || entry.count() < 0) {
                throw new RpmDatabaseException("package header entry for tag " + entry.tag() + " has type "
                        + entry.type() + " and count " + entry.count());
            }
            if (entry.offset() < 0 || entry.offset() > dataLength) {
                throw new RpmDatabaseException("package header entry for tag " + entry.tag() + " points at offset "
                        + entry.offset() + " outside its " + dataLength + "-byte data");
            }
            if (i == 0 && isRegion(entry.tag())) {
                checkRegion(data, entry, indexCount);
            }
            entries.putIfAbsent(entry.tag(), entry);
        }
        return new RpmHeader(data, entries);
    }

    private static boolean isRegion(int tag) {
        return tag == HEADERIMMUTABLE || tag == HEADERSIGNATURES || tag == HEADERIMAGE;
    }

    /** The region trailer is an index entry in the data store whose offset is minus the region's entry bytes. */
    private static void checkRegion(ByteBuffer data, Entry region, int indexCount) {
        if (region.type() != TYPE_BIN || region.count() != ENTRY_BYTES
                || (long) region.offset() + ENTRY_BYTES > data.limit()) {
            throw new RpmDatabaseException("package header region tag " + region.tag() + " is malformed");
        }
        int trailerTag = data.getInt(region.offset());
        int trailerOffset = data.getInt(region.offset() + 8);
        long regionEntries = -(long) trailerOffset / ENTRY_BYTES;
        if (trailerTag != region.tag() || trailerOffset > 0 || trailerOffset % ENTRY_BYTES != 0
                || regionEntries > indexCount) {
            throw new RpmDatabaseException("package header region trailer of tag " + region.tag()
                    + " does not match its region");
        }
    }

    /** A string, the first element of a string array, or the untranslated text of an i18n string. */
    Optional<String> string(int tag) {
        Entry entry = entries.get(tag);
        if (entry == null || entry.count() == 0) {
            return Optional.empty();
        }
        if (entry.type() != TYPE_STRING && entry.type() != TYPE_STRING_ARRAY && entry.type() != TYPE_I18NSTRING) {
            throw wrongType(entry, "a string");
        }
        return Optional.of(strings(entry, 1).getFirst());
    }

    List<String> strings(int tag) {
        Entry entry = entries.get(tag);
        if (entry == null) {
            return List.of();
        }
        if (entry.type() != TYPE_STRING_ARRAY && entry.type() != TYPE_STRING) {
            throw wrongType(entry, "a string array");
        }
        return strings(entry, entry.type() == TYPE_STRING ? 1 : entry.count());
    }

    private List<String> strings(Entry entry, int count) {
        // Every string takes at least its NUL, so a count beyond the data cannot be real.
        checkArraySize(entry, count);
        if (count > data.limit() - entry.offset()) {
            throw new RpmDatabaseException("tag " + entry.tag() + " claims " + count + " strings, more than its data");
        }
        List<String> strings = new ArrayList<>(count);
        int pos = entry.offset();
        for (int i = 0; i < count; i++) {
            int end = pos;
            while (end < data.limit() && data.get(end) != 0) {
                end++;
            }
            if (end >= data.limit()) {
                throw new RpmDatabaseException("string of tag " + entry.tag() + " runs past the header's data");
            }
            byte[] bytes = new byte[end - pos];
            data.get(pos, bytes);
            strings.add(new String(bytes, StandardCharsets.UTF_8));
            pos = end + 1;
        }
        return strings;
    }

    /** Integers of a 16-, 32- or 64-bit tag; 16- and 32-bit values are unsigned as rpm's query formats show them. */
    long[] integers(int tag) {
        Entry entry = entries.get(tag);
        if (entry == null) {
            return new long[0];
        }
        int width = switch (entry.type()) {
            case TYPE_INT16 -> 2;
            case TYPE_INT32 -> 4;
            case TYPE_INT64 -> 8;
            default -> throw wrongType(entry, "an integer");
        };
        checkArraySize(entry, entry.count());
        if (entry.offset() + (long) width * entry.count() > data.limit()) {
            throw new RpmDatabaseException("tag " + entry.tag() + " claims " + entry.count() + " integers, more than"
                    + " its data");
        }
        long[] values = new long[entry.count()];
        for (int i = 0; i < values.length; i++) {
            int at = entry.offset() + i * width;
            values[i] = switch (width) {
                case 2 -> Short.toUnsignedInt(data.getShort(at));
                case 4 -> Integer.toUnsignedLong(data.getInt(at));
                default -> data.getLong(at);
            };
        }
        return values;
    }

    Optional<Long> integer(int tag) {
        long[] values = integers(tag);
        return values.length == 0 ? Optional.empty() : Optional.of(values[0]);
    }

    private static void checkArraySize(Entry entry, int count) {
        if (count > MAX_ARRAY_ELEMENTS) {
            throw new RpmDatabaseException("tag " + entry.tag() + " claims " + count + " elements, more than "
                    + MAX_ARRAY_ELEMENTS + " (limit)");
        }
    }

    private static RpmDatabaseException wrongType(Entry entry, String expected) {
        return new RpmDatabaseException("tag " + entry.tag() + " has type " + entry.type() + ", not " + expected);
    }
}
