package io.drydock.analyzer.catalogers.binary;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Writes small ELF files as the System V ABI ("Object Files": ELF header, program header table, section header table)
 * lays them out, for formats no tool on this machine can produce: 32 or 64-bit, either byte order, named sections
 * whose content may depend on the address they are loaded at, one writable PT_LOAD segment mapping all of them, and
 * optionally no section header table (as {@code strip --strip-section-headers} leaves a file).
 */
public final class TestElf {

    /** Where the segment is mapped; real x86-64 executables start at 0x400000. */
    public static final long BASE_ADDRESS = 0x400000;
    private static final int SHT_PROGBITS = 1;
    private static final int SHT_STRTAB = 3;
    private static final int SHF_WRITE = 1;
    private static final int SHF_ALLOC = 2;

    private final boolean is64;
    private final ByteOrder order;
    private final List<String> names = new ArrayList<>();
    private final List<Integer> sizes = new ArrayList<>();
    private final List<LongFunction<byte[]>> contents = new ArrayList<>();
    private boolean sectionHeaders = true;

    private TestElf(boolean is64, ByteOrder order) {
        this.is64 = is64;
        this.order = order;
    }

    public static TestElf of(boolean is64, ByteOrder order) {
        return new TestElf(is64, order);
    }

    public TestElf section(String name, byte[] content) {
        return section(name, content.length, address -> content);
    }

    /** A section whose content is computed from the virtual address it will be mapped at. */
    public TestElf section(String name, int size, LongFunction<byte[]> content) {
        names.add(name);
        sizes.add(size);
        contents.add(content);
        return this;
    }

    public TestElf withoutSectionHeaders() {
        sectionHeaders = false;
        return this;
    }

    public byte[] build() {
        int ehsize = is64 ? 64 : 52;
        int phentsize = is64 ? 56 : 32;
        int shentsize = is64 ? 64 : 40;
        int dataStart = align(ehsize + phentsize, 16);
        List<Integer> offsets = new ArrayList<>();
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        for (int i = 0; i < names.size(); i++) {
            while ((dataStart + data.size()) % 16 != 0) {
                data.write(0);
            }
            int offset = dataStart + data.size();
            offsets.add(offset);
            byte[] content = contents.get(i).apply(BASE_ADDRESS + offset);
            if (content.length != sizes.get(i)) {
                throw new IllegalArgumentException("section " + names.get(i) + " has " + content.length
                        + " bytes, declared " + sizes.get(i));
            }
            data.writeBytes(content);
        }
        ByteArrayOutputStream strtab = new ByteArrayOutputStream();
        strtab.write(0);
        List<Integer> nameOffsets = new ArrayList<>();
        for (String name : names) {
            nameOffsets.add(strtab.size());
            strtab.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
            strtab.write(0);
        }
        int shstrtabName = strtab.size();
        strtab.writeBytes(".shstrtab\0".getBytes(StandardCharsets.US_ASCII));
        int strtabOffset = dataStart + data.size();
        int shoff = align(strtabOffset + strtab.size(), 8);
        int shnum = names.size() + 2;
        int total = shoff + (sectionHeaders ? shnum * shentsize : 0);

        ByteBuffer out = ByteBuffer.allocate(total).order(order);
        out.put(new byte[] {0x7f, 'E', 'L', 'F', (byte) (is64 ? 2 : 1),
                (byte) (order == ByteOrder.LITTLE_ENDIAN ? 1 : 2), 1, 0});
        out.position(16);
        out.putShort((short) 2);                       // e_type: executable
        out.putShort((short) (is64 ? 62 : 3));        // e_machine: x86-64 or i386
        out.putInt(1);                                 // e_version
        word(out, BASE_ADDRESS);                       // e_entry
        word(out, ehsize);                             // e_phoff
        word(out, sectionHeaders ? shoff : 0);         // e_shoff
        out.putInt(0);                                 // e_flags
        out.putShort((short) ehsize);
        out.putShort((short) phentsize);
        out.putShort((short) 1);
        out.putShort((short) shentsize);
        out.putShort((short) (sectionHeaders ? shnum : 0));
        out.putShort((short) (sectionHeaders ? shnum - 1 : 0));
        // One PT_LOAD, readable and writable, mapping the whole file at BASE_ADDRESS.
        out.position(ehsize);
        if (is64) {
            out.putInt(1).putInt(6).putLong(0).putLong(BASE_ADDRESS).putLong(BASE_ADDRESS)
                    .putLong(total).putLong(total).putLong(0x1000);
        } else {
            out.putInt(1).putInt(0).putInt((int) BASE_ADDRESS).putInt((int) BASE_ADDRESS)
                    .putInt(total).putInt(total).putInt(6).putInt(0x1000);
        }
        out.position(dataStart);
        out.put(data.toByteArray());
        out.put(strtab.toByteArray());
        if (sectionHeaders) {
            out.position(shoff + shentsize); // section 0 is the null section
            for (int i = 0; i < names.size(); i++) {
                sectionHeader(out, nameOffsets.get(i), SHT_PROGBITS, SHF_WRITE | SHF_ALLOC,
                        BASE_ADDRESS + offsets.get(i), offsets.get(i), sizes.get(i));
            }
            sectionHeader(out, shstrtabName, SHT_STRTAB, 0, 0, strtabOffset, strtab.size());
        }
        return out.array();
    }

    private void sectionHeader(ByteBuffer out, int name, int type, int flags, long address, long offset, long size) {
        out.putInt(name).putInt(type);
        word(out, flags);
        word(out, address);
        word(out, offset);
        word(out, size);
        out.putInt(0).putInt(0);
        word(out, 1);
        word(out, 0);
    }

    private void word(ByteBuffer out, long value) {
        if (is64) {
            out.putLong(value);
        } else {
            out.putInt((int) value);
        }
    }

    private static int align(int value, int alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
