package io.drydock.analyzer.catalogers;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.Optional;

/**
 * One file's whole content, held in memory when it is small enough and in a temporary file otherwise, readable any
 * number of times, sequentially or at random.
 */
public final class ScannedFile {

    private final String path;
    private final long size;
    private final byte[] bytes;
    private final Path file;

    private ScannedFile(String path, long size, byte[] bytes, Path file) {
        this.path = Objects.requireNonNull(path, "path");
        this.size = size;
        this.bytes = bytes;
        this.file = file;
    }

    public static ScannedFile inMemory(String path, byte[] content) {
        return new ScannedFile(path, content.length, content, null);
    }

    /** A file on disk; whoever created it deletes it. */
    public static ScannedFile onDisk(String path, Path file, long size) {
        return new ScannedFile(path, size, null, file);
    }

    /** Absolute path in the image ({@code /app/lib/x.jar}), or a virtual path for a file inside an archive. */
    public String path() {
        return path;
    }

    public long size() {
        return size;
    }

    public InputStream open() throws IOException {
        return bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    /** Random access, for formats whose index is at the end (zip) or spread through the file (ELF). */
    public SeekableByteChannel channel() throws IOException {
        return bytes != null ? new ByteArrayChannel(bytes) : Files.newByteChannel(file, StandardOpenOption.READ);
    }

    /** The content, when it is held in memory. */
    public Optional<byte[]> bytes() {
        return Optional.ofNullable(bytes);
    }

    /** The temporary file holding the content, when it is on disk. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /**
     * The whole content, for a manifest that must be small: a file larger than {@code maxBytes} is refused, never
     * read.
     */
    public byte[] readAtMost(int maxBytes) throws IOException {
        if (size > maxBytes) {
            throw new IOException(path + " has " + size + " bytes, more than the " + maxBytes + " read for it (limit)");
        }
        if (bytes != null) {
            return bytes;
        }
        try (InputStream in = open()) {
            return in.readNBytes(maxBytes);
        }
    }
}
