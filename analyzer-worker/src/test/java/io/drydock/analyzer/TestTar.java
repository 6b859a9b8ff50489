package io.drydock.analyzer;

import io.drydock.analyzer.layer.LayerDescriptor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;

/** Builds layer tars in memory, the way image builders write them. */
public final class TestTar {

    private record Item(TarArchiveEntry entry, byte[] content) {
    }

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
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_CHR, true);
        entry.setMode(0666);
        entry.setDevMajor(1);
        entry.setDevMinor(3);
        items.add(new Item(entry, null));
        return this;
    }

    public byte[] plain() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Item item : items) {
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
