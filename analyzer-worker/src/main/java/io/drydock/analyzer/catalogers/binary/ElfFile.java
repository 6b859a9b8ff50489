package io.drydock.analyzer.catalogers.binary;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The parts of an ELF file (System V ABI, "Object Files" chapter) that cataloguing needs: the program headers (to map
 * virtual addresses to file offsets) and the section headers with their names. 32 and 64-bit, both byte orders. The
 * input is hostile: every count, offset and size is checked against the file before anything is read, and no read is
 * larger than its caller's bound, so a broken header is an {@link IOException}, never a huge allocation or a hang.
 */
public final class ElfFile {

    /** {@code \x7fELF}. */
    private static final byte[] MAGIC = {0x7f, 'E', 'L', 'F'};
    private static final int SHT_NOBITS = 8;
    private static final int PT_LOAD = 1;
    private static final int PF_X = 1;
    private static final int PF_W = 2;
    /** Real executables have a few dozen sections; relocatable objects built with per-function sections thousands. */
    private static final int MAX_SECTIONS = 65_536;
    private static final int MAX_SEGMENTS = 4096;
    private static final int MAX_SECTION_NAME = 256;
    /** Entries are 32 to 64 bytes; larger ones would only make the tables (bounded in count) huge. */
    private static final int MAX_ENTRY_SIZE = 256;

    private final SeekableByteChannel channel;
    private final long size;
    private final boolean is64;
    private final ByteOrder order;
    private final List<Segment> segments;
    private final List<Section> sections;

    /** A loadable segment: {@code fileSize} bytes at {@code offset} are mapped at {@code address}. */
    public record Segment(long address, long offset, long fileSize, int flags) {

        boolean writableData() {
            return (flags & (PF_X | PF_W)) == PF_W;
        }
    }

    /** A section; {@code hasBits} is false for sections that occupy no file space ({@code .bss}). */
    public record Section(String name, long address, long offset, long size, boolean hasBits) {
    }

    private ElfFile(SeekableByteChannel channel, long size, boolean is64, ByteOrder order, List<Segment> segments,
                    List<Section> sections) {
        this.channel = channel;
        this.size = size;
        this.is64 = is64;
        this.order = order;
        this.segments = segments;
        this.sections = sections;
    }

    /** Whether these leading bytes are an ELF identification this reader understands. */
    public static boolean isElf(byte[] head) {
        if (head.length < 64) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                return false;
            }
        }
        return (head[4] == 1 || head[4] == 2) && (head[5] == 1 || head[5] == 2);
    }

    /** Reads the headers; the channel stays open and is the caller's to close. */
    public static ElfFile read(SeekableByteChannel channel) throws IOException {
        long size = channel.size();
        byte[] ident = readFully(channel, 0, 16, size);
        if (!isElf(Arrays.copyOf(ident, 64))) {
            throw new IOException("not an ELF file (bad identification bytes)");
        }
        boolean is64 = ident[4] == 2;
        ByteOrder order = ident[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        int headerSize = is64 ? 64 : 52;
        ByteBuffer header = ByteBuffer.wrap(readFully(channel, 0, headerSize, size)).order(order);
        long phoff = is64 ? header.getLong(32) : Integer.toUnsignedLong(header.getInt(28));
        long shoff = is64 ? header.getLong(40) : Integer.toUnsignedLong(header.getInt(32));
        int base = is64 ? 54 : 42;
        int phentsize = Short.toUnsignedInt(header.getShort(base));
        int phnum = Short.toUnsignedInt(header.getShort(base + 2));
        int shentsize = Short.toUnsignedInt(header.getShort(base + 4));
        int shnum = Short.toUnsignedInt(header.getShort(base + 6));
        int shstrndx = Short.toUnsignedInt(header.getShort(base + 8));

        ElfFile reading = new ElfFile(channel, size, is64, order, List.of(), List.of());
        List<Segment> segments = reading.readSegments(phoff, phentsize, phnum);
        List<Section> sections = reading.readSections(shoff, shentsize, shnum, shstrndx);
        return new ElfFile(channel, size, is64, order, segments, sections);
    }

    public Optional<Section> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** The first writable, non-executable loadable segment: where linkers put initialised data. */
    public Optional<Segment> firstDataSegment() {
        return segments.stream().filter(Segment::writableData).findFirst();
    }

    /** A section's content; throws when it is larger than {@code maxBytes} or lies outside the file. */
    public byte[] content(Section section, int maxBytes) throws IOException {
        if (!section.hasBits()) {
            throw new IOException("section " + section.name() + " has no content in the file");
        }
        if (section.size() > maxBytes) {
            throw new IOException("section " + section.name() + " has " + section.size() + " bytes, more than the "
                    + maxBytes + " read (limit)");
        }
        return readAt(section.offset(), (int) section.size());
    }

    /**
     * The file offset where the virtual address is stored, or -1 when no loadable segment (or, in a file without
     * program headers, no section) holds it in the file.
     */
    public long offsetOf(long address) {
        for (Segment segment : segments) {
            if (Long.compareUnsigned(address, segment.address()) >= 0
                    && Long.compareUnsigned(address - segment.address(), segment.fileSize()) < 0) {
                return segment.offset() + (address - segment.address());
            }
        }
        for (Section section : sections) {
            if (section.hasBits() && section.address() != 0
                    && Long.compareUnsigned(address, section.address()) >= 0
                    && Long.compareUnsigned(address - section.address(), section.size()) < 0) {
                return section.offset() + (address - section.address());
            }
        }
        return -1;
    }

    /** How many bytes of the file follow this offset. */
    public long remaining(long offset) {
        return offset < 0 || offset > size ? 0 : size - offset;
    }

    /** Exactly {@code length} bytes at the file offset; throws when the file is shorter. */
    public byte[] readAt(long offset, int length) throws IOException {
        return readFully(channel, offset, length, size);
    }

    private List<Segment> readSegments(long phoff, int phentsize, int phnum) throws IOException {
        if (phnum == 0 || phoff == 0) {
            return List.of();
        }
        if (phnum > MAX_SEGMENTS) {
            throw new IOException("ELF file declares " + phnum + " program headers, more than " + MAX_SEGMENTS);
        }
        int minimum = is64 ? 56 : 32;
        if (phentsize < minimum) {
            throw new IOException("ELF program header entry size " + phentsize + " is below " + minimum);
        }
        ByteBuffer table = table(phoff, phentsize, phnum, "program header");
        List<Segment> result = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = i * phentsize;
            int type = table.getInt(at);
            if (type != PT_LOAD) {
                continue;
            }
            long offset;
            long address;
            long fileSize;
            int flags;
            if (is64) {
                flags = table.getInt(at + 4);
                offset = table.getLong(at + 8);
                address = table.getLong(at + 16);
                fileSize = table.getLong(at + 32);
            } else {
                offset = Integer.toUnsignedLong(table.getInt(at + 4));
                address = Integer.toUnsignedLong(table.getInt(at + 8));
                fileSize = Integer.toUnsignedLong(table.getInt(at + 16));
                flags = table.getInt(at + 24);
            }
            if (within(offset, fileSize)) {
                result.add(new Segment(address, offset, fileSize, flags));
            }
        }
        return List.copyOf(result);
    }

    private List<Section> readSections(long shoff, int shentsize, int shnum, int shstrndx) throws IOException {
        if (shoff == 0) {
            return List.of();
        }
        int minimum = is64 ? 64 : 40;
        if (shentsize < minimum) {
            throw new IOException("ELF section header entry size " + shentsize + " is below " + minimum);
        }
        if (shnum == 0) {
            // More than 0xff00 sections: the count is the size field of section 0 (extended numbering).
            ByteBuffer first = table(shoff, shentsize, 1, "section header");
            long count = is64 ? first.getLong(32) : Integer.toUnsignedLong(first.getInt(20));
            if (count <= 0 || count > MAX_SECTIONS) {
                throw new IOException("ELF file declares " + count + " sections, outside 1.." + MAX_SECTIONS);
            }
            shnum = (int) count;
        }
        ByteBuffer table = table(shoff, shentsize, shnum, "section header");
        long[][] fields = new long[shnum][];
        for (int i = 0; i < shnum; i++) {
            int at = i * shentsize;
            if (is64) {
                fields[i] = new long[] {Integer.toUnsignedLong(table.getInt(at)), table.getInt(at + 4),
                        table.getLong(at + 16), table.getLong(at + 24), table.getLong(at + 32)};
            } else {
                fields[i] = new long[] {Integer.toUnsignedLong(table.getInt(at)), table.getInt(at + 4),
                        Integer.toUnsignedLong(table.getInt(at + 12)), Integer.toUnsignedLong(table.getInt(at + 16)),
                        Integer.toUnsignedLong(table.getInt(at + 20))};
            }
        }
        byte[] names = new byte[0];
        if (shstrndx != 0 && shstrndx < shnum && fields[shstrndx][1] != SHT_NOBITS) {
            long offset = fields[shstrndx][3];
            long length = fields[shstrndx][4];
            if (!within(offset, length) || length > 1024L * 1024) {
                throw new IOException("ELF section name table at " + offset + " (" + length
                        + " bytes) lies outside the file or is too large");
            }
            names = readAt(offset, (int) length);
        }
        List<Section> result = new ArrayList<>(shnum);
        for (long[] f : fields) {
            boolean hasBits = f[1] != SHT_NOBITS && f[1] != 0;
            if (hasBits && !within(f[3], f[4])) {
                // A section outside the file cannot be read; keeping it would only defer the error.
                hasBits = false;
            }
            result.add(new Section(name(names, f[0]), f[2], f[3], f[4], hasBits));
        }
        return List.copyOf(result);
    }

    private ByteBuffer table(long offset, int entrySize, int count, String what) throws IOException {
        if (entrySize > MAX_ENTRY_SIZE) {
            throw new IOException("ELF " + what + " entry size " + entrySize + " is above " + MAX_ENTRY_SIZE);
        }
        long length = (long) entrySize * count;
        if (!within(offset, length)) {
            throw new IOException("ELF " + what + " table at offset " + offset + " (" + count + " entries of "
                    + entrySize + " bytes) lies outside the file of " + size + " bytes");
        }
        return ByteBuffer.wrap(readAt(offset, (int) length)).order(order);
    }

    private boolean within(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }

    private static String name(byte[] names, long index) {
        if (index < 0 || index >= names.length) {
            return "";
        }
        int start = (int) index;
        int end = start;
        while (end < names.length && names[end] != 0 && end - start < MAX_SECTION_NAME) {
            end++;
        }
        return new String(names, start, end - start, StandardCharsets.ISO_8859_1);
    }

    private static byte[] readFully(SeekableByteChannel channel, long offset, int length, long size)
            throws IOException {
        if (offset < 0 || length < 0 || offset > size || length > size - offset) {
            throw new EOFException("ELF read of " + length + " bytes at offset " + offset + " runs past the end of"
                    + " the file (" + size + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.allocate(length);
        channel.position(offset);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer) < 0) {
                throw new EOFException("ELF file ended " + buffer.remaining() + " bytes early at offset " + offset);
            }
        }
        return buffer.array();
    }
}
