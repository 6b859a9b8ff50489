package io.drydock.feeds.source.osv;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The {@code *.json} files of one directory: an operator's local mirror, or the records an incremental sync fetched. */
public final class DirectoryRecordSet implements RecordSet {

    private final Path directory;
    private final boolean deleteOnClose;
    private final int maxRecordBytes;
    private final List<String> names;

    private DirectoryRecordSet(Path directory, boolean deleteOnClose, int maxRecordBytes, List<String> names) {
        this.directory = directory;
        this.deleteOnClose = deleteOnClose;
        this.maxRecordBytes = maxRecordBytes;
        this.names = names;
    }

    public static DirectoryRecordSet open(Path directory, boolean deleteOnClose, int maxRecordBytes, int maxRecords)
            throws FeedSourceException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path file : files) {
                if (Files.isRegularFile(file)) {
                    names.add(file.getFileName().toString());
                }
                if (names.size() > maxRecords) {
                    throw new FeedSourceException(directory + " holds more than " + maxRecords + " records (drydock.feeds.max-records)");
                }
            }
        } catch (IOException e) {
            throw new FeedSourceException("cannot list " + directory + ": " + e.getMessage(), e);
        }
        Collections.sort(names);
        return new DirectoryRecordSet(directory, deleteOnClose, maxRecordBytes, List.copyOf(names));
    }

    @Override
    public List<String> names() {
        return names;
    }

    @Override
    public byte[] read(String name) throws FeedSourceException {
        try (InputStream in = Files.newInputStream(directory.resolve(name))) {
            return RecordSet.readBounded(in, maxRecordBytes, name);
        } catch (IOException e) {
            throw new FeedSourceException(name + " in " + directory + " is unreadable: " + e.getMessage(), e);
        }
    }

    @Override
    public String description() {
        return directory.toString();
    }

    @Override
    public void close() {
        if (deleteOnClose) {
            deleteTree(directory);
        }
    }

    /** Removes a directory the sync created, with what is in it. */
    static void deleteTree(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException ignored) {
            // A temp file left behind is removed with the temp directory.
        }
    }
}
