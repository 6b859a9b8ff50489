package io.drydock.analyzer.catalogers.java;

import io.drydock.analyzer.AnalysisFailure;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.ScannedFile;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.InputStreamStatistics;

/**
 * Java archives ({@code .jar .war .ear .jpi .hpi} and the jar-shaped {@code .par .sar .kar .nar}): the archive's own
 * package from its Maven metadata, manifest and file name, every Maven artifact shaded into it, and the same for the
 * archives inside it, to {@link io.drydock.analyzer.AnalyzerLimits#maxNestingDepth()} levels. Zips are hostile input:
 * the central directory is checked before it is read, only the few entries that matter are decompressed, each
 * within its own bound, a bound on the expansion ratio, and a bound on all bytes decompressed from one image file.
 * A nested archive or entry that breaks a bound or is corrupt is skipped with a warning; a corrupt top-level archive
 * throws, which the analyzer turns into a warning.
 */
public final class JavaArchiveCataloger implements FileCataloger {

    static final Set<String> EXTENSIONS = Set.of("jar", "war", "ear", "jpi", "hpi", "par", "sar", "kar", "nar");
    /** Central directory headers per archive; real uber jars stay well below. */
    static final int MAX_ENTRIES = 100_000;
    /** Bytes from the directory's start to its end record: at most ~360 000 of the smallest headers. */
    static final long MAX_DIRECTORY_BYTES = 16L * 1024 * 1024;
    static final int MAX_NAME_LENGTH = 1024;
    static final int MAX_MANIFEST_BYTES = 1024 * 1024;
    static final int MAX_POM_PROPERTIES_BYTES = 64 * 1024;
    static final int MAX_POM_XML_BYTES = 2 * 1024 * 1024;
    /** pom.properties (and pom.xml) files read per archive; a shaded jar carries tens, not thousands. */
    static final int MAX_MAVEN_FILES = 1_000;
    /** Archives opened inside one image file, at all depths together (a Jenkins war holds a few hundred). */
    static final int MAX_NESTED_ARCHIVES = 10_000;
    /** All bytes decompressed from one image file (nested archives and metadata); also capped by the temp disk. */
    static final long MAX_INFLATED_BYTES = 4L * 1024 * 1024 * 1024;
    /** Decompressed/compressed beyond this, after the first {@link #RATIO_FREE_BYTES}, is a zip bomb. */
    static final int MAX_RATIO = 100;
    static final long RATIO_FREE_BYTES = 1024 * 1024;

    private static final byte[] ZIP_MAGIC = {'P', 'K'};
    private static final String MANIFEST = "META-INF/MANIFEST.MF";
    private static final String MAVEN_DIR = "META-INF/maven/";

    @Override
    public boolean wants(String path, long size, byte[] head) {
        int dot = path.lastIndexOf('.');
        return dot > path.lastIndexOf('/') && size >= 22 && head.length >= 2
                && head[0] == ZIP_MAGIC[0] && head[1] == ZIP_MAGIC[1]
                && EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
        Reading reading = new Reading(context, file.path());
        try (SeekableByteChannel channel = file.channel()) {
            reading.archive(channel, file.path(), file.path(), 0);
        }
        return reading.packages;
    }

    static boolean isArchiveName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > name.lastIndexOf('/') && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** One image file's reading: the packages found and what its nested archives have used of the bounds. */
    private static final class Reading {

        private final CatalogContext context;
        private final String topLevel;
        private final List<PackageRecord> packages = new ArrayList<>();
        private final long maxInflated;
        private long inflated;
        /** Bytes of nested archives held in memory at once, along the current chain of nesting. */
        private long heldInMemory;
        private int nestedArchives;

        Reading(CatalogContext context, String topLevel) {
            this.context = context;
            this.topLevel = topLevel;
            this.maxInflated = Math.min(MAX_INFLATED_BYTES, context.limits().maxTempBytes());
        }

        /**
         * Reads one archive; {@code fileName} is its path in the image or in the archive holding it, {@code depth} how
         * many archives contain it.
         */
        void archive(SeekableByteChannel channel, String location, String fileName, int depth) throws IOException {
            ZipDirectory.check(channel, MAX_ENTRIES, MAX_DIRECTORY_BYTES);
            try (ZipFile zip = ZipFile.builder().setSeekableByteChannel(channel).setIgnoreLocalFileHeader(true).get()) {
                ZipArchiveEntry manifestEntry = null;
                Map<String, ZipArchiveEntry> properties = new TreeMap<>();
                Map<String, ZipArchiveEntry> poms = new TreeMap<>();
                List<ZipArchiveEntry> nested = new ArrayList<>();
                int longNames = 0;
                int droppedMaven = 0;
                Enumeration<ZipArchiveEntry> entries = zip.getEntries();
                while (entries.hasMoreElements()) {
                    ZipArchiveEntry entry = entries.nextElement();
                    String name = entry.getName();
                    if (entry.isDirectory()) {
                        continue;
                    }
                    if (name.length() > MAX_NAME_LENGTH || name.indexOf('\0') >= 0) {
                        longNames++;
                        continue;
                    }
                    if (name.equalsIgnoreCase(MANIFEST)) {
                        manifestEntry = manifestEntry == null ? entry : manifestEntry;
                    } else if (name.startsWith(MAVEN_DIR) && name.endsWith("/pom.properties")) {
                        droppedMaven += putBounded(properties, name.substring(0, name.lastIndexOf('/')), entry);
                    } else if (name.startsWith(MAVEN_DIR) && name.endsWith("/pom.xml")) {
                        droppedMaven += putBounded(poms, name.substring(0, name.lastIndexOf('/')), entry);
                    } else if (isArchiveName(name)) {
                        nested.add(entry);
                    }
                }
                if (longNames > 0) {
                    warn(location, longNames + " entries with names longer than " + MAX_NAME_LENGTH
                            + " characters (limit) or with NUL; skipped");
                }
                if (droppedMaven > 0) {
                    warn(location, "more than " + MAX_MAVEN_FILES + " Maven files (limit); " + droppedMaven
                            + " skipped");
                }
                JarManifest manifest = manifestEntry == null ? JarManifest.EMPTY
                        : text(zip, manifestEntry, location, MAX_MANIFEST_BYTES).map(JarManifest::parse)
                                .orElse(JarManifest.EMPTY);
                SortedMap<String, JavaArchiveContents.Coordinates> maven = maven(zip, properties, poms, location);
                packages.addAll(new JavaArchiveContents(location, fileName, manifestEntry != null, manifest, maven)
                        .packages());
                for (ZipArchiveEntry entry : nested) {
                    nested(zip, entry, location + ":" + entry.getName(), depth + 1);
                }
            }
        }

        /** Coordinates per Maven directory: its pom.properties, with the pom.xml read only when that falls short. */
        private SortedMap<String, JavaArchiveContents.Coordinates> maven(ZipFile zip,
                Map<String, ZipArchiveEntry> properties, Map<String, ZipArchiveEntry> poms, String location) {
            SortedMap<String, JavaArchiveContents.Coordinates> maven = new TreeMap<>();
            Set<String> directories = new TreeSet<>(properties.keySet());
            directories.addAll(poms.keySet());
            for (String directory : directories) {
                Optional<PomProperties> pomProperties = properties.containsKey(directory)
                        ? text(zip, properties.get(directory), location, MAX_POM_PROPERTIES_BYTES)
                                .flatMap(PomProperties::parse)
                        : Optional.empty();
                Optional<PomXml> pom = poms.containsKey(directory)
                        && (pomProperties.isEmpty() || pomProperties.get().groupId() == null)
                        ? text(zip, poms.get(directory), location, MAX_POM_XML_BYTES).flatMap(PomXml::parse)
                        : Optional.empty();
                JavaArchiveContents.Coordinates coordinates = JavaArchiveContents.coordinates(pomProperties, pom);
                if (coordinates != null) {
                    maven.put(directory, coordinates);
                }
            }
            return maven;
        }

        private static int putBounded(Map<String, ZipArchiveEntry> into, String directory, ZipArchiveEntry entry) {
            if (into.size() >= MAX_MAVEN_FILES) {
                return 1;
            }
            into.putIfAbsent(directory, entry);
            return 0;
        }

        private void nested(ZipFile zip, ZipArchiveEntry entry, String location, int depth) throws IOException {
            int maxDepth = context.limits().maxNestingDepth();
            if (depth > maxDepth) {
                warn(location, "nested " + depth + " archives deep, more than " + maxDepth + " (limit); not opened");
                return;
            }
            if (++nestedArchives > MAX_NESTED_ARCHIVES) {
                if (nestedArchives == MAX_NESTED_ARCHIVES + 1) {
                    warn(topLevel, "holds more than " + MAX_NESTED_ARCHIVES
                            + " nested archives (limit); the rest are not opened");
                }
                return;
            }
            try {
                long declared = entry.getSize();
                if (declared < 0) {
                    throw new InvalidArchiveException("declares no size");
                }
                if (declared > maxInflated - inflated) {
                    throw new InvalidArchiveException("declares " + declared + " bytes, more than the "
                            + (maxInflated - inflated) + " still allowed to be decompressed from " + topLevel
                            + " (limit)");
                }
                // Memory holds one file's worth of nested archives at once, whatever the depth; the rest waits on disk.
                if (declared <= context.limits().maxFileBytes() - heldInMemory) {
                    byte[] content;
                    try (InputStream in = open(zip, entry, declared)) {
                        content = in.readNBytes((int) declared + 1);
                    }
                    requireLength(content.length, declared);
                    heldInMemory += declared;
                    try (SeekableByteChannel channel = ScannedFile.inMemory(location, content).channel()) {
                        archive(channel, location, entry.getName(), depth);
                    } finally {
                        heldInMemory -= declared;
                    }
                } else {
                    Path file = spill(zip, entry, location, declared);
                    try (SeekableByteChannel channel = ScannedFile.onDisk(location, file, declared).channel()) {
                        archive(channel, location, entry.getName(), depth);
                    } finally {
                        context.tempSpace().release(file);
                    }
                }
            } catch (AnalysisFailure failure) {
                throw failure;
            } catch (IOException | RuntimeException e) {
                warn(location, describe(e) + "; skipped");
            }
        }

        /** Copies a nested archive too large for memory to the analysis's temporary disk. */
        private Path spill(ZipFile zip, ZipArchiveEntry entry, String location, long declared) throws IOException {
            Path file;
            try {
                file = context.tempSpace().reserve(declared, "nested archive " + location);
            } catch (AnalysisFailure full) {
                throw new InvalidArchiveException(full.getMessage());
            }
            try (InputStream in = open(zip, entry, declared); OutputStream out = Files.newOutputStream(file)) {
                byte[] buffer = new byte[64 * 1024];
                long copied = 0;
                int n;
                while ((n = in.read(buffer)) != -1) {
                    out.write(buffer, 0, n);
                    copied += n;
                }
                requireLength(copied, declared);
            } catch (IOException | RuntimeException e) {
                context.tempSpace().release(file);
                throw e;
            }
            return file;
        }

        private static void requireLength(long actual, long declared) throws InvalidArchiveException {
            if (actual != declared) {
                throw new InvalidArchiveException("has " + (actual > declared ? "more" : actual)
                        + " bytes where its directory declares " + declared);
            }
        }

        /** A small metadata entry as UTF-8 text; empty, with a warning, when it is too large or unreadable. */
        private Optional<String> text(ZipFile zip, ZipArchiveEntry entry, String location, int limit) {
            try {
                if (entry.getSize() > limit) {
                    throw new InvalidArchiveException("declares " + entry.getSize() + " bytes, more than " + limit
                            + " (limit)");
                }
                byte[] content;
                try (InputStream in = open(zip, entry, limit)) {
                    content = in.readNBytes(limit + 1);
                }
                if (content.length > limit) {
                    throw new InvalidArchiveException("has more than " + limit + " bytes (limit)");
                }
                return Optional.of(new String(content, StandardCharsets.UTF_8));
            } catch (AnalysisFailure failure) {
                throw failure;
            } catch (IOException | RuntimeException e) {
                warn(location + ":" + entry.getName(), describe(e) + "; skipped");
                return Optional.empty();
            }
        }

        /**
         * The entry's content, stopped past {@code limit} bytes, past {@link #MAX_RATIO} times what it consumed from
         * the archive, and past what this image file may still decompress. Only stored and deflated entries, the
         * methods jar tools write, are read.
         */
        private InputStream open(ZipFile zip, ZipArchiveEntry entry, long limit) throws IOException {
            int method = entry.getMethod();
            if (method != ZipArchiveEntry.STORED && method != ZipArchiveEntry.DEFLATED) {
                throw new InvalidArchiveException("uses compression method " + method + ", not stored or deflated");
            }
            if (!zip.canReadEntryData(entry)) {
                throw new InvalidArchiveException("cannot be read (encrypted or unsupported)");
            }
            InputStream raw = zip.getInputStream(entry);
            return new FilterInputStream(raw) {
                private long count;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    int n = read(one, 0, 1);
                    return n < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    int n = super.read(b, off, (int) Math.min(len, limit + 1 - count));
                    if (n > 0) {
                        count += n;
                        inflated += n;
                        check();
                    }
                    return n;
                }

                @Override
                public long skip(long n) throws IOException {
                    byte[] buffer = new byte[8192];
                    long skipped = 0;
                    int r;
                    while (skipped < n && (r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped))) > 0) {
                        skipped += r;
                    }
                    return skipped;
                }

                private void check() throws InvalidArchiveException {
                    if (count > limit) {
                        throw new InvalidArchiveException("has more than " + limit + " bytes (its directory says "
                                + entry.getSize() + ")");
                    }
                    if (inflated > maxInflated) {
                        throw new InvalidArchiveException("decompressing it would take " + topLevel + " past "
                                + maxInflated + " decompressed bytes (limit)");
                    }
                    long consumed = raw instanceof InputStreamStatistics statistics
                            ? statistics.getCompressedCount() : entry.getCompressedSize();
                    if (count > RATIO_FREE_BYTES && count > Math.max(consumed, 1) * MAX_RATIO) {
                        throw new InvalidArchiveException("expands more than " + MAX_RATIO
                                + " times (limit; a zip bomb?)");
                    }
                }
            };
        }

        private void warn(String location, String message) {
            context.warnings().add("java archive " + location + ": " + message);
        }

        private static String describe(Exception e) {
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
