package io.drydock.feeds.source.osv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The {@code *.json} entries of an OSV zip archive ({@code all.zip}) on disk. Opening reads the central directory at
 * the end of the file, so a truncated download is refused here; every entry read is checked against its CRC-32.
 */
public final class ZipRecordSet implements RecordSet {

    private final ZipFile zip;
    private final Path file;
    private final boolean deleteOnClose;
    private final int maxRecordBytes;
    private final List<String> names;

    private ZipRecordSet(ZipFile zip, Path file, boolean deleteOnClose, int maxRecordBytes, List<String> names) {
        this.zip = zip;
        this.file = file;
        this.deleteOnClose = deleteOnClose;
        this.maxRecordBytes = maxRecordBytes;
        this.names = names;
    }

    /**
     * @param deleteOnClose true for a download the sync owns, false for an operator's local archive
     * @throws FeedSourceException when the file is not a complete zip archive
     */
    public static ZipRecordSet open(Path file, boolean deleteOnClose, int maxRecordBytes, int maxRecords) throws FeedSourceException {
        ZipFile zip;
        try {
            zip = new ZipFile(file.toFile());
        } catch (ZipException e) {
            delete(file, deleteOnClose);
            throw new FeedSourceException(file.getFileName() + " is not a complete zip archive (" + e.getMessage()
                    + "); a truncated or interrupted download?", e);
        } catch (IOException e) {
            delete(file, deleteOnClose);
            throw new FeedSourceException("cannot read " + file + ": " + e.getMessage(), e);
        }
        List<String> names = new ArrayList<>();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (!entry.isDirectory() && entry.getName().endsWith(".json")) {
                names.add(entry.getName());
            }
            if (names.size() > maxRecords) {
                close(zip);
                delete(file, deleteOnClose);
                throw new FeedSourceException(file.getFileName() + " holds more than " + maxRecords
                        + " records (drydock.feeds.max-records)");
            }
        }
        Collections.sort(names);
        return new ZipRecordSet(zip, file, deleteOnClose, maxRecordBytes, List.copyOf(names));
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public byte[] read(String name) throws FeedSourceException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new FeedSourceException(description() + " has no entry " + name);
        }
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] bytes = RecordSet.readBounded(in, maxRecordBytes, name);
            CRC32 crc = new CRC32();
            crc.update(bytes);
            if (entry.getCrc() != -1 && crc.getValue() != entry.getCrc()) {
                throw new FeedSourceException(name + " in " + description() + " is corrupt (CRC-32 mismatch)");
            }
            return bytes;
        } catch (IOException e) {
            throw new FeedSourceException(name + " in " + description() + " is unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return file.getFileName().toString();
    }

    @Override
    public void close() {
        close(zip);
        delete(file, deleteOnClose);
    }

    private static void close(ZipFile zip) {
        try {
            zip.close();
        } catch (IOException ignored) {
            // Read-only; nothing is lost.
        }
    }

    private static void delete(Path file, boolean delete) {
        if (delete) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // A temp file left behind is removed with the temp directory.
            }
        }
    }
}
