package io.drydock.analyzer;

import io.drydock.analyzer.layer.LayerDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Builds layer tars in memory, the way image builders write them. */
public final class TestTar {

    /** An entry to write with commons-compress, or (entry null) bytes to put into the tar stream as they are. */
    private record Item(TarArchiveEntry entry, byte[] content) {
    }

    private static final int RECORD = 512;

    private final List<Item> items = new ArrayList<>();

    public static TestTar tar() {
        return new TestTar();
    }

    public TestTar dir(String name) {
        return dir(name, 0755);
    }

    public TestTar dir(String name, int mode) {
        TarArchiveEntry entry = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        entry.setMode(mode);
        items.add(new Item(entry, null));
        return this;
    }

    public TestTar file(String name, String content) {
        return file(name, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
    }

    public TestTar file(String name, byte[] content, int mode, long uid, long gid) {
        // preserveAbsolutePath: tests need names exactly as a hostile tar would carry them.
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setMode(mode);
        entry.setSize(content.length);
        entry.setUserId(uid);
        entry.setGroupId(gid);
        items.add(new Item(entry, content));
        return this;
    }

    public TestTar symlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK, true);
        entry.setLinkName(target);
        entry.setMode(0777);
        items.add(new Item(entry, null));
        return this;
    }

    public TestTar hardlink(String name, String target) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_LINK, true);
        entry.setLinkName(target);
        entry.setMode(0644);
        items.add(new Item(entry, null));
        return this;
    }

    public TestTar fifo(String name) {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_FIFO, true);
        entry.setMode(0600);
        items.add(new Item(entry, null));
        return this;
    }

    public TestTar charDevice(String name) {
        return device(name, TarConstants.LF_CHR, 0666, 1, 3);
    }

    public TestTar blockDevice(String name) {
        return device(name, TarConstants.LF_BLK, 0660, 8, 0);
    }

    private TestTar device(String name, byte type, int mode, int major, int minor) {
        TarArchiveEntry entry = new TarArchiveEntry(name, type, true);
        entry.setMode(mode);
        entry.setDevMajor(major);
        entry.setDevMinor(minor);
        items.add(new Item(entry, null));
        return this;
    }

    /** A file whose header comes with PAX extended header records (path, xattrs, …). */
    public TestTar paxFile(String name, Map<String, String> paxHeaders, byte[] content) {
        TarArchiveEntry entry = new TarArchiveEntry(name, true);
        entry.setMode(0644);
        entry.setSize(content.length);
        paxHeaders.forEach(entry::addPaxHeader);
        items.add(new Item(entry, content));
        return this;
    }

    /**
     * A PAX extended header with exactly these records, written by hand (commons-compress would drop what follows a
     * NUL), then an empty entry of the given type that they apply to.
     */
    public TestTar rawPax(Map<String, String> records, byte type) {
        byte[] data = paxRecords(records);
        raw(header("PaxHeaders/entry", TarConstants.LF_PAX_EXTENDED_HEADER_LC, data.length), data);
        return raw(header("entry", type, 0), null);
    }

    /**
     * Header records written by hand, with their data padded to whole records: what commons-compress would refuse
     * or normalise (GNU long-name chains, sparse maps, global headers, raw name bytes).
     */
    public TestTar raw(byte[] header, byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(header);
        if (data != null) {
            bytes.writeBytes(data);
            bytes.writeBytes(new byte[(RECORD - data.length % RECORD) % RECORD]);
        }
        items.add(new Item(null, bytes.toByteArray()));
        return this;
    }

    /** {@code count} GNU long-name records in a row, each naming the next, then an empty file. */
    public TestTar longNameChain(int count) {
        for (int i = 0; i < count; i++) {
            byte[] name = ("chained/long-name-" + i).getBytes(StandardCharsets.UTF_8);
            raw(header("././@LongLink", TarConstants.LF_GNUTYPE_LONGNAME, name.length), name);
        }
        return raw(header("chained/end", TarConstants.LF_NORMAL, 0), null);
    }

    /** A global PAX header ({@code g}): its records apply to every later entry. */
    public TestTar globalPax(Map<String, String> records) {
        byte[] data = paxRecords(records);
        return raw(header("pax_global_header", TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER, data.length), data);
    }

    /**
     * An old GNU sparse file ({@code S}): {@code data} stored at offset 0, and a real size (octal: at most
     * {@code 8 GiB - 1}) that makes the rest a hole. Nothing but the header and the data is in the archive.
     */
    public TestTar oldGnuSparse(String name, byte[] data, long realSize) {
        byte[] header = header(name, TarConstants.LF_GNUTYPE_SPARSE, data.length);
        System.arraycopy("ustar  \0".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 8);
        // Sparse structs in the header's slots from 386: the data at 0, and (as GNU tar writes it) an empty one at the
        // real size that ends the trailing hole; isextended (482) stays 0.
        octal(header, 386, 12, 0);
        octal(header, 398, 12, data.length);
        octal(header, 410, 12, realSize);
        octal(header, 422, 12, 0);
        octal(header, 483, 12, realSize);
        checksum(header);
        return raw(header, data);
    }

    /** A PAX 1.0 sparse file: the map heads the data; GNU.sparse.realsize claims the size. */
    public TestTar paxSparse(String name, byte[] data, long realSize) {
        byte[] pax = paxRecords(Map.of("GNU.sparse.major", "1", "GNU.sparse.minor", "0", "GNU.sparse.name", name,
                "GNU.sparse.realsize", String.valueOf(realSize)));
        raw(header("PaxHeaders/" + name, TarConstants.LF_PAX_EXTENDED_HEADER_LC, pax.length), pax);
        // Two map entries: the data at 0, and an empty one at the real size that ends the trailing hole.
        byte[] map = ("2\n0\n" + data.length + "\n" + realSize + "\n0\n").getBytes(StandardCharsets.US_ASCII);
        byte[] body = new byte[RECORD + data.length];
        System.arraycopy(map, 0, body, 0, map.length);
        System.arraycopy(data, 0, body, RECORD, data.length);
        return raw(header("GNUSparseFile.0/" + name, TarConstants.LF_NORMAL, body.length), body);
    }

    /** A ustar header with the name given as raw bytes (up to 100), so any byte sequence can be a name. */
    public static byte[] header(byte[] rawName, byte type, long size) {
        byte[] header = new byte[RECORD];
        System.arraycopy(rawName, 0, header, 0, Math.min(100, rawName.length));
        octal(header, 100, 8, 0644);
        octal(header, 108, 8, 0);
        octal(header, 116, 8, 0);
        octal(header, 124, 12, size);
        octal(header, 136, 12, 0);
        header[156] = type;
        System.arraycopy("ustar\u000000".getBytes(StandardCharsets.US_ASCII), 0, header, 257, 8);
        checksum(header);
        return header;
    }

    public static byte[] header(String name, byte type, long size) {
        return header(name.getBytes(StandardCharsets.UTF_8), type, size);
    }

    private static void checksum(byte[] header) {
        Arrays.fill(header, 148, 156, (byte) ' ');
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        octal(header, 148, 7, sum);
        header[155] = ' ';
    }

    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = String.format("%0" + (length - 1) + "o", value);
        System.arraycopy(digits.getBytes(StandardCharsets.US_ASCII), 0, header, offset, length - 1);
        header[offset + length - 1] = 0;
    }

    /** PAX records: {@code "<length> <key>=<value>\n"}, the length counting itself. */
    public static byte[] paxRecords(Map<String, String> records) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        records.forEach((key, value) -> {
            int body = (" " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8).length;
            int length = body + String.valueOf(body).length();
            if (String.valueOf(length).length() != String.valueOf(body).length()) {
                length++;
            }
            bytes.writeBytes((length + " " + key + "=" + value + "\n").getBytes(StandardCharsets.UTF_8));
        });
        return bytes.toByteArray();
    }

    public byte[] plain() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // One record per block: every entry is in "bytes" once it is closed, so raw records can follow it.
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes, RECORD)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Item item : items) {
                if (item.entry() == null) {
                    bytes.writeBytes(item.content());
                    continue;
                }
                out.putArchiveEntry(item.entry());
                if (item.content() != null) {
                    out.write(item.content());
                }
                out.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public byte[] gzip() {
        return compress(GzipCompressorOutputStream::new);
    }

    public byte[] zstd() {
        return compress(ZstdCompressorOutputStream::new);
    }

    @FunctionalInterface
    private interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private byte[] compress(Compressor compressor) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor.wrap(bytes)) {
            out.write(plain());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A descriptor whose digest really is the blob's, as a registry would serve it. */
    public static LayerDescriptor describe(byte[] blob) {
        return new LayerDescriptor("sha256:" + sha256(blob), "application/vnd.oci.image.layer.v1.tar+gzip",
                blob.length);
    }

    public static String sha256(byte[] bytes) {
        return Sha256.hex(bytes);
    }
}
