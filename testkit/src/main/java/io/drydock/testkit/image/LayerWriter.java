package io.drydock.testkit.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import com.github.luben.zstd.ZstdOutputStream;

/**
 * Writes one layer as a tar stream, compressed, into a temporary file, hashing the tar (the diff id) and the
 * compressed blob (the layer digest) on the way so that nothing is held in memory.
 */
final class LayerWriter implements AutoCloseable {

    private static final int TYPE_FILE = 0100000;
    private static final int TYPE_DIRECTORY = 040000;
    private static final int TYPE_SYMLINK = 0120000;
    private static final int TYPE_CHARACTER_DEVICE = 020000;
    private static final int TYPE_BLOCK_DEVICE = 060000;
    private static final int TYPE_FIFO = 010000;

    private final Path blob;
    private final Compression compression;
    private final MessageDigest diffIdDigest = sha256();
    private final MessageDigest blobDigest = sha256();
    private final OutputStream tarBytes;
    private final TarArchiveOutputStream tar;
    private boolean finished;

    LayerWriter(Compression compression) {
        this.compression = compression;
        try {
            this.blob = Files.createTempFile("drydock-test-layer-", ".blob");
            blob.toFile().deleteOnExit();
            OutputStream file = new DigestOutputStream(new BufferedOutputStream(Files.newOutputStream(blob), 1 << 16), blobDigest);
            OutputStream compressed = switch (compression) {
                case NONE -> file;
                // Fastest level: test layers are written on every run and only need to be valid, not small.
                case GZIP -> new GZIPOutputStream(file, 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                };
                case ZSTD -> new ZstdOutputStream(file, 1);
            };
            this.tarBytes = new DigestOutputStream(compressed, diffIdDigest);
            this.tar = new TarArchiveOutputStream(tarBytes);
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void file(String path, long size, InputStream content, Attributes attributes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path, TarConstants.LF_NORMAL, true);
        apply(entry, TYPE_FILE, attributes);
        entry.setSize(size);
        tar.putArchiveEntry(entry);
        long copied = content.transferTo(tar);
        if (copied != size) {
            throw new IOException(path + " changed while it was written into a layer: " + copied + " bytes, expected " + size);
        }
        tar.closeArchiveEntry();
    }

    void directory(String path, Attributes attributes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path.endsWith("/") ? path : path + "/", TarConstants.LF_DIR, true);
        apply(entry, TYPE_DIRECTORY, attributes);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    void symlink(String path, String target, Attributes attributes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path, TarConstants.LF_SYMLINK, true);
        apply(entry, TYPE_SYMLINK, attributes);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    void hardLink(String path, String target, Attributes attributes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path, TarConstants.LF_LINK, true);
        apply(entry, TYPE_FILE, attributes);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    void device(String path, boolean block, int major, int minor, Attributes attributes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path, block ? TarConstants.LF_BLK : TarConstants.LF_CHR, true);
        apply(entry, block ? TYPE_BLOCK_DEVICE : TYPE_CHARACTER_DEVICE, attributes);
        entry.setDevMajor(major);
        entry.setDevMinor(minor);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    void fifo(String path, Attributes attributes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path, TarConstants.LF_FIFO, true);
        apply(entry, TYPE_FIFO, attributes);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    /** Ends the tar stream and returns the written layer. */
    TestLayer finish() {
        try {
            tar.finish();
            tar.close();
            return written();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a tar stream made elsewhere, byte for byte, instead of entries (so it may be as malformed as a test
     * needs), and returns the written layer. Nothing else may have been written.
     */
    TestLayer finishWithTar(byte[] tarStream) {
        try {
            tarBytes.write(tarStream);
            tarBytes.close();
            return written();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestLayer written() throws IOException {
        finished = true;
        return new TestLayer(blob, Files.size(blob), "sha256:" + HexFormat.of().formatHex(blobDigest.digest()),
                "sha256:" + HexFormat.of().formatHex(diffIdDigest.digest()), compression);
    }

    /** Discards an unfinished layer, e.g. after a failure while walking a directory. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        try {
            tar.close();
            Files.deleteIfExists(blob);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void apply(TarArchiveEntry entry, int type, Attributes attributes) {
        entry.setMode(type | (attributes.mode() & 07777));
        entry.setUserId(attributes.uid());
        entry.setGroupId(attributes.gid());
        entry.setModTime(attributes.modified());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    /** Mode bits (permissions, setuid/setgid/sticky), owner and modification time of an entry. */
    record Attributes(int mode, long uid, long gid, FileTime modified) {
    }
}
