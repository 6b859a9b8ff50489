package io.drydock.analyzer.layer;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.search.FileMatches;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The image's file system after the layers applied so far, as metadata plus the few contents catalogers asked for.
 * Paths are normalised ({@link ImagePaths}). Symlinks are resolved against this view only, the way a process
 * chrooted into the image would see them: {@code ..} stops at the root and absolute targets start from it.
 */
public final class ImageFileSystem {

    /** Linux gives up after 40 links (ELOOP); a loop in an image must not hang the analyzer. */
    private static final int MAX_SYMLINK_HOPS = 40;

    private final NavigableMap<String, FsEntry> entries = new TreeMap<>();
    private final NavigableMap<String, CollectedFile> contents = new TreeMap<>();
    private final List<LayerFile> layerVersions = new ArrayList<>();
    private final NavigableMap<String, FileFindings> findings = new TreeMap<>();

    void apply(LayerChanges changes) {
        for (String dir : changes.opaqueDirs()) {
            removeBelow(dir);
        }
        for (String path : changes.whiteouts()) {
            entries.remove(path);
            contents.remove(path);
            findings.remove(path);
            removeBelow(path);
        }
        // A non-directory replacing a lower directory hides everything that was below it.
        for (FsEntry entry : changes.entries().values()) {
            if (entry.type() != FileType.DIR) {
                removeBelow(entry.path());
            }
        }
        for (FsEntry entry : changes.entries().values()) {
            entries.put(entry.path(), entry);
            FileFindings found = changes.findings().get(entry.path());
            if (found == null || !entry.holdsContent()) {
                findings.remove(entry.path());
            } else {
                findings.put(entry.path(), found);
            }
            CollectedFile content = entry.holdsContent() ? changes.contents().get(entry.path()) : null;
            if (content == null) {
                contents.remove(entry.path());
                continue;
            }
            contents.put(entry.path(), content);
            if (content.keepLayerVersions()) {
                layerVersions.add(new LayerFile(changes.index(), changes.digest(), entry.path(), content.content(),
                        content.truncated()));
            }
        }
    }

    private void removeBelow(String dir) {
        if (dir.isEmpty()) {
            entries.clear();
            contents.clear();
            findings.clear();
            return;
        }
        // Every path below "dir" starts with "dir/"; '0' is the character after '/'.
        entries.subMap(dir + "/", true, dir + "0", false).clear();
        contents.subMap(dir + "/", true, dir + "0", false).clear();
        findings.subMap(dir + "/", true, dir + "0", false).clear();
    }

    /** What was found in the final file at exactly this path, or null. */
    FileFindings findingsAt(String path) {
        return findings.get(path);
    }

    /**
     * Packages the file catalogers found in the files of the final file system, in path order, each attributed to the
     * layer that wrote its file's final content.
     */
    public List<PackageRecord> filePackages() {
        List<PackageRecord> all = new ArrayList<>();
        for (var found : findings.entrySet()) {
            FsEntry entry = entries.get(found.getKey());
            String layer = entry == null ? null : entry.layerDigest();
            for (PackageRecord pkg : found.getValue().packages()) {
                all.add(pkg.withLayerDigest(layer));
            }
        }
        return all;
    }

    /** The entry at exactly this path, without following symlinks. */
    public Optional<FsEntry> entry(String path) {
        return Optional.ofNullable(entries.get(path));
    }

    /** The entry the path leads to, following symlinks in every component. */
    public Optional<FsEntry> resolve(String path) {
        return resolvePath(path).map(entries::get);
    }

    /**
     * The path with every symlink replaced by its target, or empty for a symlink loop. The result need not exist.
     */
    public Optional<String> resolvePath(String path) {
        Deque<String> pending = new ArrayDeque<>(List.of(path.split("/")));
        List<String> resolved = new ArrayList<>();
        int hops = 0;
        while (!pending.isEmpty()) {
            String part = pending.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!resolved.isEmpty()) {
                    resolved.removeLast();
                }
                continue;
            }
            resolved.add(part);
            FsEntry entry = entries.get(String.join("/", resolved));
            if (entry != null && entry.type() == FileType.SYMLINK) {
                if (++hops > MAX_SYMLINK_HOPS) {
                    return Optional.empty();
                }
                resolved.removeLast();
                String target = entry.linkTarget();
                if (target.startsWith("/")) {
                    resolved.clear();
                }
                List<String> targetParts = List.of(target.split("/"));
                for (int i = targetParts.size() - 1; i >= 0; i--) {
                    pending.addFirst(targetParts.get(i));
                }
            }
        }
        return Optional.of(String.join("/", resolved));
    }

    /**
     * Whether the path leads to a directory: an explicit one, or an implicit parent of other entries (tar writers
     * may omit directory entries).
     */
    public boolean isDirectory(String path) {
        Optional<String> resolved = resolvePath(path);
        if (resolved.isEmpty()) {
            return false;
        }
        FsEntry entry = entries.get(resolved.get());
        if (entry != null) {
            return entry.type() == FileType.DIR;
        }
        String dir = resolved.get();
        return dir.isEmpty() || !entries.subMap(dir + "/", true, dir + "0", false).isEmpty();
    }

    /** The kept content of the file the path leads to (symlinks followed), if a cataloger asked for it. */
    public Optional<byte[]> content(String path) {
        return resolvePath(path)
                .filter(resolved -> entries.containsKey(resolved) && entries.get(resolved).holdsContent())
                .map(contents::get)
                .map(CollectedFile::content);
    }

    /** Whether only a head of the file's content was kept. */
    public boolean contentTruncated(String path) {
        return resolvePath(path).map(contents::get).map(CollectedFile::truncated).orElse(false);
    }

    Optional<CollectedFile> collected(String path) {
        return Optional.ofNullable(contents.get(path));
    }

    /** Direct children of a directory (the directory path itself may go through symlinks), in path order. */
    public List<FsEntry> list(String dir) {
        Optional<String> resolved = resolvePath(dir);
        if (resolved.isEmpty()) {
            return List.of();
        }
        String prefix = resolved.get().isEmpty() ? "" : resolved.get() + "/";
        Collection<FsEntry> below = prefix.isEmpty() ? entries.values()
                : entries.subMap(prefix, true, resolved.get() + "0", false).values();
        List<FsEntry> children = new ArrayList<>();
        for (FsEntry entry : below) {
            if (entry.path().indexOf('/', prefix.length()) < 0) {
                children.add(entry);
            }
        }
        return children;
    }

    /** The content search matches in the files of the final file system, by absolute path in path order. */
    public NavigableMap<String, FileMatches> fileMatches() {
        NavigableMap<String, FileMatches> matches = new TreeMap<>();
        findings.forEach((path, found) -> {
            if (found.matches() != null) {
                matches.put(ImagePaths.absolute(path), found.matches());
            }
        });
        return matches;
    }

    /** Every entry, in path order. */
    public Collection<FsEntry> entries() {
        return Collections.unmodifiableCollection(entries.values());
    }

    /**
     * Each layer's copy of the matching files that were selected with {@link ContentRequest#keepLayerVersions()},
     * in layer order; includes copies that later layers replaced or deleted.
     */
    public List<LayerFile> layerVersions(Predicate<String> path) {
        return layerVersions.stream().filter(version -> path.test(version.path())).toList();
    }
}
