package io.drydock.analyzer.catalogers.golang;

import io.drydock.analyzer.catalogers.binary.ElfFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The build information the Go linker embeds in every binary since Go 1.13 (module mode) or 1.18 (also GOPATH mode):
 * the toolchain version and the module information text. It sits in the {@code .go.buildinfo} section, or, in
 * binaries whose section headers were stripped, near the start of the first writable data segment, behind the
 * 16-byte aligned magic {@code \xff Go buildinf:}. The 32-byte header continues with the pointer size and a flags
 * byte: with flag 2 (Go 1.18 and later) the two strings follow inline, each as an unsigned varint length and its
 * bytes; without it (Go 1.13 to 1.17) two pointers follow, each to a Go string header (data pointer, length) in the
 * byte order flag 1 names. The module text is framed by 16 sentinel bytes on each side.
 *
 * @param goVersion toolchain that built the binary ({@code go1.19.8})
 * @param modInfo   module information text, empty when the binary was not built with module support
 */
record GoBuildInfo(String goVersion, String modInfo) {

    static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);
    private static final int HEADER_SIZE = 32;
    private static final int ALIGNMENT = 16;
    private static final int FLAG_BIG_ENDIAN = 1;
    private static final int FLAG_INLINE_STRINGS = 2;
    /** How far into the data the magic is looked for; Go's own reader looks at the first 64 KiB as well. */
    private static final int SEARCH_BYTES = 64 * 1024;
    private static final int MAX_VERSION_BYTES = 1024;
    /** A module list with thousands of dependencies stays well below this. */
    static final int MAX_MODINFO_BYTES = 4 * 1024 * 1024;
    private static final int SENTINEL = 16;

    /** The build information, or empty when the file carries none (not a Go binary). */
    static Optional<GoBuildInfo> read(ElfFile elf) throws IOException {
        long start;
        long length;
        Optional<ElfFile.Section> section = elf.section(".go.buildinfo");
        if (section.isPresent() && section.get().hasBits()) {
            start = section.get().offset();
            length = section.get().size();
        } else {
            Optional<ElfFile.Segment> data = elf.firstDataSegment();
            if (data.isEmpty()) {
                return Optional.empty();
            }
            start = data.get().offset();
            length = data.get().fileSize();
        }
        byte[] window = elf.readAt(start, (int) Math.min(Math.min(length, SEARCH_BYTES), elf.remaining(start)));
        int at = findHeader(window);
        if (at < 0) {
            return Optional.empty();
        }
        long header = start + at;
        byte[] head = elf.readAt(header, HEADER_SIZE);
        int pointerSize = head[14];
        int flags = head[15];
        byte[] version;
        byte[] modInfo;
        if ((flags & FLAG_INLINE_STRINGS) != 0) {
            long[] cursor = {header + HEADER_SIZE};
            version = inlineString(elf, cursor, MAX_VERSION_BYTES, "version");
            modInfo = inlineString(elf, cursor, MAX_MODINFO_BYTES, "module information");
        } else {
            if (pointerSize != 4 && pointerSize != 8) {
                throw new IOException("Go build information declares a pointer size of " + pointerSize);
            }
            ByteOrder order = (flags & FLAG_BIG_ENDIAN) != 0 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            long versionPointer = word(head, HEADER_SIZE / 2, pointerSize, order);
            long modInfoPointer = word(head, HEADER_SIZE / 2 + pointerSize, pointerSize, order);
            version = pointedString(elf, versionPointer, pointerSize, order, MAX_VERSION_BYTES, "version");
            modInfo = pointedString(elf, modInfoPointer, pointerSize, order, MAX_MODINFO_BYTES,
                    "module information");
        }
        return Optional.of(new GoBuildInfo(new String(version, StandardCharsets.UTF_8), withoutSentinels(modInfo)));
    }

    /** Offset of the first 16-byte aligned magic that has a whole header behind it, or -1. */
    static int findHeader(byte[] data) {
        for (int i = 0; i + HEADER_SIZE <= data.length; i += ALIGNMENT) {
            boolean match = true;
            for (int j = 0; j < MAGIC.length && match; j++) {
                match = data[i + j] == MAGIC[j];
            }
            if (match) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] inlineString(ElfFile elf, long[] cursor, int max, String what) throws IOException {
        long length = 0;
        int shift = 0;
        while (true) {
            int b = elf.readAt(cursor[0]++, 1)[0] & 0xff;
            length |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            shift += 7;
            if (shift > 35) {
                throw new IOException("Go build information: the " + what + " length is not a valid varint");
            }
        }
        if (length > max) {
            throw new IOException("Go build information: the " + what + " has " + length + " bytes, more than "
                    + max + " (limit)");
        }
        byte[] value = elf.readAt(cursor[0], (int) length);
        cursor[0] += length;
        return value;
    }

    private static byte[] pointedString(ElfFile elf, long pointer, int pointerSize, ByteOrder order, int max,
                                        String what) throws IOException {
        long headerOffset = elf.offsetOf(pointer);
        if (headerOffset < 0) {
            throw new IOException("Go build information: the " + what + " string header at 0x"
                    + Long.toHexString(pointer) + " is not in the file");
        }
        byte[] stringHeader = elf.readAt(headerOffset, 2 * pointerSize);
        long data = word(stringHeader, 0, pointerSize, order);
        long length = word(stringHeader, pointerSize, pointerSize, order);
        if (length < 0 || length > max) {
            throw new IOException("Go build information: the " + what + " has " + Long.toUnsignedString(length)
                    + " bytes, more than " + max + " (limit)");
        }
        if (length == 0) {
            return new byte[0];
        }
        long dataOffset = elf.offsetOf(data);
        if (dataOffset < 0 || elf.remaining(dataOffset) < length) {
            throw new IOException("Go build information: the " + what + " at 0x" + Long.toHexString(data)
                    + " is not in the file");
        }
        return elf.readAt(dataOffset, (int) length);
    }

    private static long word(byte[] bytes, int offset, int size, ByteOrder order) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes, offset, size).order(order);
        return size == 8 ? buffer.getLong() : Integer.toUnsignedLong(buffer.getInt());
    }

    /** The linker frames the text with 16 bytes on each side; text without the frame is not module information. */
    static String withoutSentinels(byte[] bytes) {
        if (bytes.length >= 2 * SENTINEL + 1 && bytes[bytes.length - SENTINEL - 1] == '\n') {
            return new String(bytes, SENTINEL, bytes.length - 2 * SENTINEL, StandardCharsets.UTF_8);
        }
        return "";
    }
}
