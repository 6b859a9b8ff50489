package io.drydock.analyzer.layer;

import io.drydock.analyzer.AnalysisFailure;
import io.drydock.analyzer.Sha256;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.Warnings;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.ScannedFile;
import io.drydock.analyzer.search.ContentSearch;
import io.drydock.analyzer.search.FileMatches;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads one decompressed layer tar into {@link LayerChanges}, never writing anything to disk. */
final class LayerReader {

    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";
    /** aufs bookkeeping ({@code .wh..wh.plnk}, {@code .wh..wh.aufs}): no file of the image lives there. */
    private static final String AUFS_META_PREFIX = ".wh..wh.";
    private static final int PERMISSION_BITS = 07777;
    private static final int BUFFER_SIZE = 64 * 1024;

    private final ImageBudget budget;
    private final ContentSelector selector;
    private final List<FileCataloger> fileCatalogers;
    private final CatalogContext imageContext;
    /** Per layer: each layer's warnings are kept with its changes, so the cache can repeat them. */
    private Warnings warnings;
    private CatalogContext catalogContext;
    private final ContentSearch search;
    private final byte[] buffer = new byte[BUFFER_SIZE];

    LayerReader(ImageBudget budget, ContentSelector selector, List<FileCataloger> fileCatalogers,
            CatalogContext catalogContext, ContentSearch search) {
        this.budget = budget;
        this.search = search;
        this.selector = selector;
        this.fileCatalogers = List.copyOf(fileCatalogers);
        this.imageContext = catalogContext;
    }

    /** Reads entries until the end-of-archive marker; the caller closes (and drains) the stream. */
    LayerChanges read(int index, String digest, InputStream tarStream, ImageFileSystem lower) throws IOException {
        warnings = new Warnings(budget.limits().maxWarnings());
        catalogContext = imageContext == null ? null
                : new CatalogContext(imageContext.limits(), warnings, imageContext.tempSpace());
        Map<String, FsEntry> entries = new LinkedHashMap<>();
        Set<String> whiteouts = new LinkedHashSet<>();
        Set<String> opaqueDirs = new LinkedHashSet<>();
        Map<String, CollectedFile> contents = new HashMap<>();
        Map<String, FileFindings> findings = new HashMap<>();
        long entryCount = 0;
        long fileBytes = 0;

        HeaderBudgetInputStream headers = new HeaderBudgetInputStream(tarStream, budget.limits().maxHeaderBytes(),
                digest);
        TarArchiveInputStream tar = new CheckedTarInputStream(headers);
        TarArchiveEntry tarEntry;
        while ((tarEntry = nextEntry(tar, headers, digest)) != null) {
            entryCount++;
            budget.countEntry(digest);
            if (tarEntry.getName().indexOf('\0') >= 0 || tarEntry.getLinkName().indexOf('\0') >= 0) {
                // No file system can hold such a name; an extractor would cut it at the NUL and write elsewhere.
                warnings.add("layer " + digest + ": skipped entry '" + tarEntry.getName()
                        + "' whose name or link target contains a NUL character");
                continue;
            }
            Optional<String> normalized = ImagePaths.normalize(tarEntry.getName());
            if (normalized.isEmpty()) {
                warnings.add("layer " + digest + ": skipped entry '" + tarEntry.getName()
                        + "' whose path leaves the image root");
                continue;
            }
            String path = normalized.get();
            if (path.isEmpty()) {
                continue;
            }
            checkPathLimits(digest, path);
            String name = ImagePaths.name(path);
            if (path.startsWith(AUFS_META_PREFIX) || path.contains("/" + AUFS_META_PREFIX)) {
                if (name.equals(OPAQUE_MARKER)) {
                    opaqueDirs.add(ImagePaths.parent(path));
                }
                continue;
            }
            if (name.startsWith(WHITEOUT_PREFIX)) {
                whiteouts.add(ImagePaths.child(ImagePaths.parent(path), name.substring(WHITEOUT_PREFIX.length())));
                continue;
            }
            // Whatever this layer wrote here before is replaced, whatever the new entry is.
            findings.remove(path);
            int mode = tarEntry.getMode() & PERMISSION_BITS;
            long uid = tarEntry.getLongUserId();
            long gid = tarEntry.getLongGroupId();
            FsEntry entry;
            if (tarEntry.isSymbolicLink()) {
                entry = symlink(index, digest, path, mode, uid, gid, tarEntry.getLinkName());
            } else if (tarEntry.isLink()) {
                entry = hardLink(index, digest, path, mode, uid, gid, tarEntry.getLinkName(), entries, contents,
                        findings, lower);
                if (entry == null) {
                    continue;
                }
            } else if (tarEntry.isDirectory()) {
                entry = new FsEntry(path, FileType.DIR, mode, uid, gid, 0, null, null, index, digest);
            } else if (tarEntry.isCharacterDevice()) {
                entry = new FsEntry(path, FileType.CHAR_DEVICE, mode, uid, gid, 0, null, null, index, digest);
            } else if (tarEntry.isBlockDevice()) {
                entry = new FsEntry(path, FileType.BLOCK_DEVICE, mode, uid, gid, 0, null, null, index, digest);
            } else if (tarEntry.isFIFO()) {
                entry = new FsEntry(path, FileType.FIFO, mode, uid, gid, 0, null, null, index, digest);
            } else if (tarEntry.isSparse()) {
                long size = tarEntry.getRealSize();
                sparseFile(digest, path, size, contents);
                fileBytes = saturatedAdd(fileBytes, size);
                entry = new FsEntry(path, FileType.FILE, mode, uid, gid, size, null, null, index, digest);
            } else {
                // Regular files, and the rarer types tar treats as files (contiguous).
                long size = tarEntry.getSize();
                String sha256 = readFile(tar, digest, path, size, contents, findings);
                fileBytes = saturatedAdd(fileBytes, size);
                entry = new FsEntry(path, FileType.FILE, mode, uid, gid, size, null, sha256, index, digest);
            }
            entries.remove(path);
            entries.put(path, entry);
        }
        return new LayerChanges(index, digest, entries, whiteouts, opaqueDirs, contents, findings, entryCount,
                fileBytes, warnings.toList());
    }

    /**
     * Moves to the next entry. The rest of the current entry is skipped first, outside the header budget: skipping
     * (unlike reading, which the tar reader would otherwise do) never expands a sparse entry's holes, and entry data
     * is counted against the uncompressed limit, not the header one.
     */
    private TarArchiveEntry nextEntry(TarArchiveInputStream tar, HeaderBudgetInputStream headers, String digest)
            throws IOException {
        if (tar.getCurrentEntry() != null) {
            while (tar.skip(Long.MAX_VALUE) > 0) {
                // skip() may stop short; the entry ends when it skips nothing.
            }
        }
        headers.startHeader();
        TarArchiveEntry next = tar.getNextEntry();
        headers.endHeader();
        if (next != null) {
            // Global PAX headers accumulate from entry to entry in the reader; each entry carries those in force.
            long paxBytes = 0;
            for (Map.Entry<String, String> header : next.getExtraPaxHeaders().entrySet()) {
                paxBytes += header.getKey().length() + header.getValue().length();
            }
            if (paxBytes > budget.limits().maxHeaderBytes()) {
                throw new AnalysisFailure("layer " + digest + " has a tar entry with more than "
                        + budget.limits().maxHeaderBytes() + " bytes of PAX extended headers in force (limit)");
            }
        }
        return next;
    }

    private static long saturatedAdd(long total, long bytes) {
        return total > Long.MAX_VALUE - bytes ? Long.MAX_VALUE : total + bytes;
    }

    /**
     * A symlink is recorded as written; it is only ever resolved against the image's own view, where {@code ..} stops
     * at the root. A relative target that climbs above the root still gets a warning: it is how extraction escapes
     * are built, and no image needs one.
     */
    private FsEntry symlink(int index, String digest, String path, int mode, long uid, long gid, String target) {
        if (target.length() > budget.limits().maxPathLength()) {
            throw new AnalysisFailure("layer " + digest + " has a symlink /" + path + " whose target is longer than "
                    + budget.limits().maxPathLength() + " characters (limit)");
        }
        if (!target.startsWith("/") && ImagePaths.normalize(ImagePaths.parent(path) + "/" + target).isEmpty()) {
            warnings.add("layer " + digest + ": symlink /" + path + " points to '" + target
                    + "', above the image root; it is resolved inside the image");
        }
        return new FsEntry(path, FileType.SYMLINK, mode, uid, gid, 0, target, null, index, digest);
    }

    /**
     * A sparse entry's holes are never expanded: an entry a few bytes long may claim petabytes. Its real size is
     * recorded, its content is neither hashed nor kept, and a cataloger that needs the whole file cannot have it.
     */
    private void sparseFile(String digest, String path, long size, Map<String, CollectedFile> contents) {
        contents.remove(path);
        Optional<ContentRequest> request = selector.select(path);
        if (request.isEmpty()) {
            return;
        }
        if (request.get().complete()) {
            throw new AnalysisFailure("file /" + path + " in layer " + digest + " is a sparse entry of " + size
                    + " bytes; sparse entries are never expanded, so it cannot be read");
        }
        warnings.add("layer " + digest + ": sparse file /" + path + " (" + size + " bytes) was not read");
    }

    private void checkPathLimits(String digest, String path) {
        if (path.length() > budget.limits().maxPathLength()) {
            throw new AnalysisFailure("layer " + digest + " has a path longer than "
                    + budget.limits().maxPathLength() + " characters (limit): /" + path);
        }
        if (ImagePaths.depth(path) > budget.limits().maxPathDepth()) {
            throw new AnalysisFailure("layer " + digest + " has a path deeper than "
                    + budget.limits().maxPathDepth() + " components (limit): /" + path);
        }
    }

    /**
     * A hard link shares its target's content, so it takes the target's size, digest and any collected content.
     * The target is looked up among the entries of this layer read so far, then below: targets outside the image are
     * never followed.
     */
    private FsEntry hardLink(int index, String digest, String path, int mode, long uid, long gid, String rawTarget,
            Map<String, FsEntry> entries, Map<String, CollectedFile> contents,
            Map<String, FileFindings> findings, ImageFileSystem lower) {
        contents.remove(path);
        findings.remove(path);
        Optional<String> normalizedTarget = ImagePaths.normalize(rawTarget);
        if (normalizedTarget.isEmpty() || normalizedTarget.get().isEmpty()) {
            warnings.add("layer " + digest + ": skipped hard link /" + path + " whose target '" + rawTarget
                    + "' leaves the image root");
            return null;
        }
        String target = normalizedTarget.get();
        FsEntry targetEntry = entries.containsKey(target) ? entries.get(target) : lower.entry(target).orElse(null);
        if (targetEntry == null) {
            // Extraction fails on a link to nothing (or to an entry that only comes later): the path would not exist.
            warnings.add("layer " + digest + ": skipped hard link /" + path + " to /" + target
                    + ", which does not exist at that point");
            return null;
        }
        if (!targetEntry.holdsContent()) {
            warnings.add("layer " + digest + ": skipped hard link /" + path + " to /" + target + ", which is a "
                    + targetEntry.type().label());
            return null;
        }
        Optional<ContentRequest> request = selector.select(path);
        if (request.isPresent()) {
            CollectedFile targetContent = contents.containsKey(target) ? contents.get(target)
                    : lower.collected(target).orElse(null);
            if (targetContent != null) {
                contents.put(path, new CollectedFile(targetContent.content(), targetContent.truncated(),
                        request.get().keepLayerVersions()));
            }
        }
        // The same content at a second path holds the same packages and matches, found at that path.
        FileFindings targetFindings = entries.containsKey(target) ? findings.get(target) : lower.findingsAt(target);
        if (targetFindings != null) {
            findings.put(path, new FileFindings(relocate(targetFindings.packages(), "/" + target, "/" + path),
                    targetFindings.matches()));
        }
        return new FsEntry(path, FileType.HARDLINK, mode, uid, gid, targetEntry.size(), target,
                targetEntry.sha256(), index, digest);
    }

    /**
     * Streams the entry's content through SHA-256, keeping what the selector asked for and handing the whole file to
     * the file catalogers that want it (in memory up to the single-file limit, in temporary disk beyond). Returns the
     * hex digest.
     */
    private String readFile(TarArchiveInputStream tar, String digest, String path, long size,
            Map<String, CollectedFile> contents, Map<String, FileFindings> findings) throws IOException {
        MessageDigest sha256 = Sha256.newDigest();
        Optional<ContentRequest> request = selector.select(path);
        ByteArrayOutputStream kept = null;
        long keep = 0;
        if (request.isPresent()) {
            long maxFileBytes = budget.limits().maxFileBytes();
            if (request.get().complete()) {
                if (size > maxFileBytes) {
                    throw new AnalysisFailure("file /" + path + " in layer " + digest + " has " + size
                            + " bytes, more than the " + maxFileBytes
                            + " bytes a file read into memory may have (limit)");
                }
                keep = size;
            } else {
                keep = Math.min(Math.min(request.get().headBytes(), maxFileBytes), size);
            }
            budget.countCollected(digest, path, keep);
            kept = new ByteArrayOutputStream((int) keep);
        }
        byte[] head = readHead(tar, (int) Math.min(size, FileCataloger.HEAD_BYTES));
        List<FileCataloger> wanting = new ArrayList<>();
        for (FileCataloger cataloger : fileCatalogers) {
            if (cataloger.wants(path, size, head)) {
                wanting.add(cataloger);
            }
        }
        boolean searched = search.wants(size);
        Spill spill = wanting.isEmpty() && !searched ? null : new Spill(path, size);
        try {
            sha256.update(head);
            if (kept != null) {
                kept.write(head, 0, (int) Math.min(head.length, keep));
            }
            if (spill != null) {
                spill.write(head, head.length);
            }
            int n;
            while ((n = tar.read(buffer)) != -1) {
                sha256.update(buffer, 0, n);
                if (kept != null && kept.size() < keep) {
                    kept.write(buffer, 0, (int) Math.min(n, keep - kept.size()));
                }
                if (spill != null) {
                    spill.write(buffer, n);
                }
            }
            if (kept != null) {
                contents.put(path, new CollectedFile(kept.toByteArray(), keep < size, request.get().keepLayerVersions()));
            } else {
                contents.remove(path);
            }
            findings.remove(path);
            if (spill != null) {
                ScannedFile file = spill.finish();
                List<PackageRecord> found = catalog(digest, file, wanting);
                FileMatches matches = searched && file.bytes().isPresent() ? search.search(file.bytes().get()) : null;
                FileFindings fileFindings = new FileFindings(found, matches);
                if (!fileFindings.isEmpty()) {
                    findings.put(path, fileFindings);
                }
            }
        } finally {
            if (spill != null) {
                spill.discard();
            }
        }
        return Sha256.hex(sha256);
    }

    /** Reads exactly {@code length} bytes (the entry has at least that many). */
    private static byte[] readHead(InputStream in, int length) throws IOException {
        byte[] head = in.readNBytes(length);
        if (head.length != length) {
            throw new IOException("tar entry ended after " + head.length + " of its bytes");
        }
        return head;
    }

    private List<PackageRecord> catalog(String digest, ScannedFile file, List<FileCataloger> catalogers) {
        List<PackageRecord> found = new ArrayList<>();
        for (FileCataloger cataloger : catalogers) {
            try {
                found.addAll(cataloger.catalog(file, catalogContext));
            } catch (AnalysisFailure failure) {
                throw failure;
            } catch (IOException | RuntimeException e) {
                warnings.add("layer " + digest + ": " + cataloger.getClass().getSimpleName() + " could not read "
                        + file.path() + ": " + e.getMessage());
            }
        }
        return found;
    }

    /** The same packages, found through another path to the same content. */
    private static List<PackageRecord> relocate(List<PackageRecord> packages, String from, String to) {
        List<PackageRecord> moved = new ArrayList<>(packages.size());
        for (PackageRecord pkg : packages) {
            String location = pkg.location();
            moved.add(location != null && location.startsWith(from)
                    ? pkg.withLocation(to + location.substring(from.length())) : pkg);
        }
        return moved;
    }

    /** One file's content on its way to the file catalogers: memory up to the single-file limit, temp disk above. */
    private final class Spill {

        private final String path;
        private final ByteArrayOutputStream memory;
        private final Path file;
        private final OutputStream disk;
        private long written;
        private final long size;

        Spill(String path, long size) throws IOException {
            this.path = path;
            this.size = size;
            if (size <= budget.limits().maxFileBytes()) {
                memory = new ByteArrayOutputStream((int) size);
                file = null;
                disk = null;
            } else {
                memory = null;
                file = catalogContext.tempSpace().reserve(size, "file /" + path);
                disk = Files.newOutputStream(file);
            }
        }

        void write(byte[] bytes, int length) throws IOException {
            written += length;
            if (written > size) {
                throw new IOException("tar entry /" + path + " is longer than its header says");
            }
            if (memory != null) {
                memory.write(bytes, 0, length);
            } else {
                disk.write(bytes, 0, length);
            }
        }

        ScannedFile finish() throws IOException {
            String absolute = ImagePaths.absolute(path);
            if (memory != null) {
                return ScannedFile.inMemory(absolute, memory.toByteArray());
            }
            disk.close();
            return ScannedFile.onDisk(absolute, file, written);
        }

        void discard() throws IOException {
            if (disk != null) {
                disk.close();
                catalogContext.tempSpace().release(file);
            }
        }
    }
}
