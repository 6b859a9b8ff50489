package io.drydock.testkit.image;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One image layer, written once to a temporary file (the compressed blob) with its digest, diff id and size.
 *
 * <pre>{@code
 * TestLayer layer = TestLayer.builder()
 *         .dir("etc")
 *         .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
 *         .file("usr/bin/tool", bytes, 0755, 0, 0)
 *         .symlink("usr/bin/t", "tool")
 *         .whiteout("etc/old.conf")
 *         .build();
 * TestLayer rootfs = TestLayer.fromDirectory(DebianRootfs.path(), Compression.GZIP);
 * }</pre>
 */
public final class TestLayer {

    private static final Logger log = LoggerFactory.getLogger(TestLayer.class);

    /** Entries built in memory get this time, so that the same entries give the same digests on every run. */
    public static final Instant FIXED_TIME = Instant.parse("2024-01-01T00:00:00Z");

    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFBLK = 060000;
    private static final int S_IFDIR = 040000;
    private static final int S_IFCHR = 020000;
    private static final int S_IFIFO = 010000;

    private final Path blob;
    private final long size;
    private final String digest;
    private final String diffId;
    private final Compression compression;

    TestLayer(Path blob, long size, String digest, String diffId, Compression compression) {
        this.blob = blob;
        this.size = size;
        this.digest = digest;
        this.diffId = diffId;
        this.compression = compression;
    }

    /** A layer from entries given one by one; gzip unless told otherwise. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A gzip layer of everything under {@code root} (not {@code root} itself), in name order. Keeps modes, owners,
     * modification times, symlinks, hard links (a second path to an inode becomes a tar hard link), device files and
     * FIFOs; skips sockets and does not descend into other file systems. Streams: file contents go straight from disk
     * into the compressed temporary file.
     */
    public static TestLayer fromDirectory(Path root) {
        return fromDirectory(root, Compression.GZIP);
    }

    public static TestLayer fromDirectory(Path root, Compression compression) {
        try (LayerWriter writer = new LayerWriter(compression)) {
            new DirectoryWalk(root, writer).run();
            return writer.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("could not write a layer from " + root, e);
        }
    }

    /**
     * A layer of a tar stream exactly as given, compressed: for layers no well-behaved writer would produce (path
     * traversal, raw header records, corrupt checksums).
     */
    public static TestLayer fromTar(byte[] tarStream, Compression compression) {
        try (LayerWriter writer = new LayerWriter(compression)) {
            return writer.finishWithTar(tarStream);
        }
    }

    /** {@code sha256:…} of the compressed blob: what the manifest lists and the registry stores. */
    public String digest() {
        return digest;
    }

    /** {@code sha256:…} of the uncompressed tar: what the image config lists in {@code rootfs.diff_ids}. */
    public String diffId() {
        return diffId;
    }

    /** Bytes of the compressed blob. */
    public long size() {
        return size;
    }

    public Compression compression() {
        return compression;
    }

    public String mediaType(ImageFormat format) {
        return format.layerMediaType(compression);
    }

    /** The compressed blob on disk (a temporary file deleted when the JVM exits). */
    public Path blobPath() {
        return blob;
    }

    public InputStream openBlob() {
        try {
            return Files.newInputStream(blob);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The compressed blob in memory; for small layers only. */
    public byte[] blobBytes() {
        try {
            return Files.readAllBytes(blob);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "TestLayer[" + digest + ", " + size + " bytes, " + compression + "]";
    }

    /** Collects entries in the order given; {@link #build()} writes them. Paths are relative ("/" prefixes dropped). */
    public static final class Builder {

        private final List<Entry> entries = new ArrayList<>();
        private Compression compression = Compression.GZIP;

        private Builder() {
        }

        public Builder compression(Compression compression) {
            this.compression = compression;
            return this;
        }

        /** A regular file, mode 0644, owned by root. */
        public Builder file(String path, String content) {
            return file(path, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
        }

        public Builder file(String path, byte[] content, int mode, long uid, long gid) {
            entries.add(new Entry(EntryType.FILE, relative(path), content.clone(), null,
                    new LayerWriter.Attributes(mode, uid, gid, FileTime.from(FIXED_TIME))));
            return this;
        }

        /** A directory, mode 0755, owned by root. */
        public Builder dir(String path) {
            return dir(path, 0755, 0, 0);
        }

        public Builder dir(String path, int mode, long uid, long gid) {
            entries.add(new Entry(EntryType.DIRECTORY, relative(path), null, null,
                    new LayerWriter.Attributes(mode, uid, gid, FileTime.from(FIXED_TIME))));
            return this;
        }

        public Builder symlink(String path, String target) {
            entries.add(new Entry(EntryType.SYMLINK, relative(path), null, target,
                    new LayerWriter.Attributes(0777, 0, 0, FileTime.from(FIXED_TIME))));
            return this;
        }

        /** A hard link to {@code target}, a path written earlier in this layer. */
        public Builder hardLink(String path, String target) {
            entries.add(new Entry(EntryType.HARD_LINK, relative(path), null, relative(target),
                    new LayerWriter.Attributes(0644, 0, 0, FileTime.from(FIXED_TIME))));
            return this;
        }

        /** A character ({@code block} false) or block device node, mode 0660, owned by root. */
        public Builder device(String path, boolean block, int major, int minor) {
            entries.add(new Entry(block ? EntryType.BLOCK_DEVICE : EntryType.CHARACTER_DEVICE, relative(path), null,
                    major + ":" + minor, new LayerWriter.Attributes(0660, 0, 0, FileTime.from(FIXED_TIME))));
            return this;
        }

        /** A named pipe, mode 0644, owned by root. */
        public Builder fifo(String path) {
            entries.add(new Entry(EntryType.FIFO, relative(path), null, null,
                    new LayerWriter.Attributes(0644, 0, 0, FileTime.from(FIXED_TIME))));
            return this;
        }

        /** Deletes {@code path} of lower layers: an empty {@code .wh.<name>} file next to it. */
        public Builder whiteout(String path) {
            String relative = relative(path);
            int slash = relative.lastIndexOf('/');
            String whiteout = slash < 0 ? ".wh." + relative : relative.substring(0, slash + 1) + ".wh." + relative.substring(slash + 1);
            return file(whiteout, new byte[0], 0644, 0, 0);
        }

        /** Hides everything lower layers have under {@code directory}: a {@code .wh..wh..opq} file inside it. */
        public Builder opaqueWhiteout(String directory) {
            return file(relative(directory) + "/.wh..wh..opq", new byte[0], 0644, 0, 0);
        }

        public TestLayer build() {
            try (LayerWriter writer = new LayerWriter(compression)) {
                for (Entry entry : entries) {
                    switch (entry.type()) {
                        case FILE -> writer.file(entry.path(), entry.content().length,
                                new ByteArrayInputStream(entry.content()), entry.attributes());
                        case DIRECTORY -> writer.directory(entry.path(), entry.attributes());
                        case SYMLINK -> writer.symlink(entry.path(), entry.target(), entry.attributes());
                        case HARD_LINK -> writer.hardLink(entry.path(), entry.target(), entry.attributes());
                        case CHARACTER_DEVICE, BLOCK_DEVICE -> {
                            String[] numbers = entry.target().split(":");
                            writer.device(entry.path(), entry.type() == EntryType.BLOCK_DEVICE,
                                    Integer.parseInt(numbers[0]), Integer.parseInt(numbers[1]), entry.attributes());
                        }
                        case FIFO -> writer.fifo(entry.path(), entry.attributes());
                    }
                }
                return writer.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String relative(String path) {
            String relative = path;
            while (relative.startsWith("/") || relative.startsWith("./")) {
                relative = relative.substring(relative.startsWith("/") ? 1 : 2);
            }
            if (relative.endsWith("/")) {
                relative = relative.substring(0, relative.length() - 1);
            }
            if (relative.isEmpty()) {
                throw new IllegalArgumentException("layer entry path is empty: '" + path + "'");
            }
            return relative;
        }
    }

    private enum EntryType { FILE, DIRECTORY, SYMLINK, HARD_LINK, CHARACTER_DEVICE, BLOCK_DEVICE, FIFO }

    /** {@code target}: a link's target, or a device's {@code major:minor}. */
    private record Entry(EntryType type, String path, byte[] content, String target, LayerWriter.Attributes attributes) {
    }

    /** Depth-first, name-ordered walk that writes each path as it is met. */
    private static final class DirectoryWalk {

        private final Path root;
        private final LayerWriter writer;
        private final Map<FileKey, String> firstPathOfInode = new HashMap<>();
        private long rootDevice;

        DirectoryWalk(Path root, LayerWriter writer) {
            this.root = root;
            this.writer = writer;
        }

        void run() throws IOException {
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(root + " is not a directory");
            }
            rootDevice = ((Number) Files.getAttribute(root, "unix:dev", LinkOption.NOFOLLOW_LINKS)).longValue();
            walkChildren(root);
        }

        private void walkChildren(Path directory) throws IOException {
            List<Path> children;
            try (Stream<Path> list = Files.list(directory)) {
                children = list.sorted().toList();
            }
            for (Path child : children) {
                write(child);
            }
        }

        private void write(Path path) throws IOException {
            Map<String, Object> unix = Files.readAttributes(path, "unix:mode,uid,gid,ino,dev,nlink,rdev,size,lastModifiedTime",
                    LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) unix.get("mode");
            String name = root.relativize(path).toString();
            LayerWriter.Attributes attributes = new LayerWriter.Attributes(mode & 07777,
                    ((Number) unix.get("uid")).longValue(), ((Number) unix.get("gid")).longValue(),
                    (FileTime) unix.get("lastModifiedTime"));
            switch (mode & S_IFMT) {
                case S_IFDIR -> {
                    writer.directory(name, attributes);
                    // Like tar --one-file-system: a mount point (a leftover /proc) is kept, its contents are not.
                    if (((Number) unix.get("dev")).longValue() == rootDevice) {
                        walkChildren(path);
                    }
                }
                case S_IFREG -> {
                    FileKey key = new FileKey(((Number) unix.get("dev")).longValue(), ((Number) unix.get("ino")).longValue());
                    String first = ((Number) unix.get("nlink")).intValue() > 1 ? firstPathOfInode.putIfAbsent(key, name) : null;
                    if (first != null) {
                        writer.hardLink(name, first, attributes);
                    } else {
                        try (InputStream content = Files.newInputStream(path)) {
                            writer.file(name, ((Number) unix.get("size")).longValue(), content, attributes);
                        }
                    }
                }
                case S_IFLNK -> writer.symlink(name, Files.readSymbolicLink(path).toString(), attributes);
                case S_IFCHR, S_IFBLK -> {
                    long rdev = ((Number) unix.get("rdev")).longValue();
                    // glibc's gnu_dev_major/gnu_dev_minor encoding of dev_t.
                    int major = (int) (((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL));
                    int minor = (int) ((rdev & 0xff) | ((rdev >>> 12) & ~0xffL));
                    writer.device(name, (mode & S_IFMT) == S_IFBLK, major, minor, attributes);
                }
                case S_IFIFO -> writer.fifo(name, attributes);
                case S_IFSOCK -> log.debug("Skipping socket {}; tar cannot hold one", path);
                default -> log.debug("Skipping {} of unknown type {}", path, Integer.toOctalString(mode & S_IFMT));
            }
        }
    }

    private record FileKey(long device, long inode) {
    }
}
