package io.drydock.platform.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Objects as files under one root directory. A put writes a temporary file under {@code .incoming/}, forces it to
 * disk and renames it into place, so a crash mid-write leaves no half object under its key (only a temporary file,
 * swept at start).
 */
public final class FileSystemObjectStore implements ObjectStore {

    private static final String INCOMING = ".incoming";

    private final Path root;

    public FileSystemObjectStore(Path root) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        Files.createDirectories(this.root.resolve(INCOMING));
        try (Stream<Path> leftovers = Files.list(this.root.resolve(INCOMING))) {
            for (Path leftover : leftovers.toList()) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    public Path root() {
        return root;
    }

    @Override
    public long put(String key, InputStream content, long maxBytes) throws IOException {
        Path target = pathOf(key);
        Path incoming = root.resolve(INCOMING).resolve(UUID.randomUUID().toString());
        long written = 0;
        try {
            try (FileChannel channel = FileChannel.open(incoming, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(channel)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer)) >= 0; ) {
                    written += n;
                    if (written > maxBytes) {
                        throw new ObjectTooLargeException(key, maxBytes);
                    }
                    out.write(buffer, 0, n);
                }
                out.flush();
                channel.force(true);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the object store directory " + root + " does not support atomic renames", e);
            }
            return written;
        } finally {
            Files.deleteIfExists(incoming);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        return Files.newInputStream(pathOf(key));
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(pathOf(key));
    }

    @Override
    public List<String> children(String prefix) throws IOException {
        Path directory = pathOf(prefix);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.list(directory)) {
            return paths.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Override
    public void deleteAll(String prefix) throws IOException {
        Path directory = pathOf(prefix);
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                try {
                    Files.deleteIfExists(path);
                } catch (DirectoryNotEmptyException e) {
                    // A put into this prefix raced the delete; what it wrote stays, as a new object would.
                }
            }
        } catch (NoSuchFileException e) {
            // Deleted concurrently: the outcome is the one asked for.
        }
    }

    private Path pathOf(String key) {
        ObjectStore.requireKey(key);
        if (key.equals(INCOMING) || key.startsWith(INCOMING + "/")) {
            throw new IllegalArgumentException("not an object key: '" + key + "'");
        }
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalArgumentException("not an object key: '" + key + "'");
        }
        return path;
    }
}
