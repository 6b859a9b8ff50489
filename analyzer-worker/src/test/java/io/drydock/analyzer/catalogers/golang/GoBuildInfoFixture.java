package io.drydock.analyzer.catalogers.golang;

import io.drydock.analyzer.catalogers.binary.TestElf;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Go build information written as the Go linker writes it (cmd/link's buildinfo, read back by Go's debug/buildinfo):
 * the 32-byte header behind the magic {@code \xff Go buildinf:}, then either the Go 1.18+ inline varint strings or
 * the Go 1.13-1.17 pointers to string headers, the module text framed by the linker's 16-byte sentinels. For the
 * combinations the real binaries of the tests do not cover (32-bit big-endian, stripped section headers).
 */
final class GoBuildInfoFixture {

    /** The sentinels cmd/go frames the module text with (runtime/debug's modinfo start and end markers). */
    static final byte[] START = hex("3077af0c9274080241e1c107e6d618e6");
    static final byte[] END = hex("f932433186182072008242104116d8f2");

    private GoBuildInfoFixture() {
    }

    static byte[] framed(String modInfo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(START);
        out.writeBytes(modInfo.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(END);
        return out.toByteArray();
    }

    /** Header with flag 2 and the inline strings, as Go 1.18 and later write it. */
    static byte[] inline(int pointerSize, ByteOrder order, String goVersion, byte[] modInfo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(pointerSize, 2 | (order == ByteOrder.BIG_ENDIAN ? 1 : 0)));
        byte[] version = goVersion.getBytes(StandardCharsets.UTF_8);
        uvarint(out, version.length);
        out.writeBytes(version);
        uvarint(out, modInfo.length);
        out.writeBytes(modInfo);
        return out.toByteArray();
    }

    /**
     * An ELF file with the Go 1.13-1.17 layout: {@code .data} holds the two string headers and the string bytes,
     * {@code .go.buildinfo} points at the headers.
     */
    static byte[] pointerElf(boolean is64, ByteOrder order, String goVersion, byte[] modInfo) {
        int pointerSize = is64 ? 8 : 4;
        byte[] version = goVersion.getBytes(StandardCharsets.UTF_8);
        int dataSize = 4 * pointerSize + version.length + modInfo.length;
        int dataSpan = (dataSize + 15) / 16 * 16;
        return TestElf.of(is64, order)
                .section(".data", dataSize, address -> {
                    ByteBuffer data = ByteBuffer.allocate(dataSize).order(order);
                    long versionBytes = address + 4L * pointerSize;
                    word(data, versionBytes, pointerSize);
                    word(data, version.length, pointerSize);
                    word(data, versionBytes + version.length, pointerSize);
                    word(data, modInfo.length, pointerSize);
                    data.put(version).put(modInfo);
                    return data.array();
                })
                .section(".go.buildinfo", 32, address -> {
                    long dataAddress = address - dataSpan;
                    ByteBuffer header = ByteBuffer.allocate(32).order(order);
                    header.put(header(pointerSize, order == ByteOrder.BIG_ENDIAN ? 1 : 0), 0, 16);
                    word(header, dataAddress, pointerSize);
                    word(header, dataAddress + 2L * pointerSize, pointerSize);
                    return header.array();
                })
                .build();
    }

    static byte[] header(int pointerSize, int flags) {
        byte[] header = new byte[32];
        System.arraycopy(GoBuildInfo.MAGIC, 0, header, 0, GoBuildInfo.MAGIC.length);
        header[14] = (byte) pointerSize;
        header[15] = (byte) flags;
        return header;
    }

    static void uvarint(ByteArrayOutputStream out, long value) {
        while (value >= 0x80) {
            out.write((int) (value & 0x7f) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    private static void word(ByteBuffer buffer, long value, int size) {
        if (size == 8) {
            buffer.putLong(value);
        } else {
            buffer.putInt((int) value);
        }
    }

    private static byte[] hex(String text) {
        byte[] bytes = new byte[text.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Integer.parseInt(text.substring(2 * i, 2 * i + 2), 16);
        }
        return bytes;
    }
}
