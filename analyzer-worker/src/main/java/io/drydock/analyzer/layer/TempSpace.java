package io.drydock.analyzer.layer;

import io.drydock.analyzer.AnalysisFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Temporary disk of one analysis, in its own directory, bounded by the bytes in use at once: files too large to read
 * into memory go here while a cataloger reads them, and are deleted when it is done. Closing deletes everything left.
 * Not thread-safe; one instance per analysis.
 */
public final class TempSpace implements AutoCloseable {

    private final Path directory;
    private final long maxBytes;
    private final Map<Path, Long> inUse = new HashMap<>();
    private long usedBytes;
    private long peakBytes;

    public TempSpace(Path parent, long maxBytes) {
        try {
            Files.createDirectories(parent);
            this.directory = Files.createTempDirectory(parent, "drydock-analysis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory under " + parent, e);
        }
        this.maxBytes = maxBytes;
    }

    /** Under the JVM's temporary directory. */
    public static TempSpace underSystemTemp(long maxBytes) {
        return new TempSpace(Path.of(System.getProperty("java.io.tmpdir")), maxBytes);
    }

    /**
     * Copies exactly {@code size} bytes from the stream into a new temporary file.
     *
     * @throws AnalysisFailure when the file would take the analysis over its temporary disk limit
     */
    public Path copy(InputStream in, long size, String what) throws IOException {
        Path file = reserve(size, what);
        try (OutputStream out = Files.newOutputStream(file)) {
            long copied = in.transferTo(out);
            if (copied != size) {
                throw new IOException(what + " has " + copied + " bytes where " + size + " were expected");
            }
        } catch (IOException | RuntimeException e) {
            release(file);
            throw e;
        }
        return file;
    }

    /**
     * An empty temporary file that its writer promises to fill with at most {@code size} bytes.
     *
     * @throws AnalysisFailure when the file would take the analysis over its temporary disk limit
     */
    public Path reserve(long size, String what) throws IOException {
        if (size > maxBytes - usedBytes) {
            throw new AnalysisFailure(what + " needs " + size + " bytes of temporary disk; the analysis already uses "
                    + usedBytes + " of " + maxBytes + " (limit)");
        }
        Path file = Files.createTempFile(directory, "file-", ".tmp");
        inUse.put(file, size);
        usedBytes += size;
        peakBytes = Math.max(peakBytes, usedBytes);
        return file;
    }

    /** Deletes a file this space handed out and gives its bytes back. */
    public void release(Path file) {
        Long size = inUse.remove(file);
        if (size != null) {
            usedBytes -= size;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete temporary file " + file, e);
        }
    }

    public long peakBytes() {
        return peakBytes;
    }

    @Override
    public void close() {
        for (Path file : Map.copyOf(inUse).keySet()) {
            release(file);
        }
        try (var leftovers = Files.walk(directory)) {
            for (Path path : leftovers.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete temporary directory " + directory, e);
        }
    }
}
