package io.drydock.platform.analysis;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image analysis as stored: the summary columns, the document (JSON: config, history, layers, secrets, retrieved
 * files), the normalised packages and the files.
 *
 * @param document the analysis as JSON, without its packages and files (stored in their own tables)
 * @param files    the files of the image; empty when read back with {@link AnalysisRepository#find} (page them with
 *                 {@link AnalysisRepository#files})
 */
public record StoredAnalysis(
        String imageDigest,
        String analyzerVersion,
        String imageId,
        String distro,
        String distroVersion,
        String likeDistro,
        String arch,
        String os,
        long imageSize,
        int layerCount,
        String dockerfileMode,
        String document,
        Instant analyzedAt,
        List<StoredPackage> packages,
        List<StoredFile> files) {

    public StoredAnalysis {
        packages = packages == null ? List.of() : List.copyOf(packages);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /**
     * One package of an analysis.
     *
     * @param licenses space-separated, as Anchore stores them
     * @param cpes     CPE 2.3 names, most specific first
     * @param metadata ecosystem details ({@code implementation-version}, {@code java-type}, ...)
     */
    public record StoredPackage(
            String pkgType,
            String name,
            String version,
            String arch,
            String sourceName,
            String sourceVersion,
            String licenses,
            Long size,
            String origin,
            String layerDigest,
            String location,
            String purl,
            List<String> cpes,
            Map<String, String> metadata) {

        public StoredPackage {
            cpes = cpes == null ? List.of() : List.copyOf(cpes);
            metadata = metadata == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }
    }

    /**
     * One path of the image's final file system.
     *
     * @param fileType   {@code file}, {@code dir}, {@code slink}, {@code hlink}, {@code chrdev}, {@code blkdev}, {@code fifo}
     * @param mode       permission bits including setuid/setgid/sticky
     * @param sha256     hex, for regular files and hard links to them
     * @param linkTarget symlink target as written, or the absolute hard link target
     */
    public record StoredFile(
            String path,
            String fileType,
            int mode,
            long uid,
            long gid,
            long size,
            String sha256,
            String linkTarget,
            String layerDigest) {

        public boolean setuid() {
            return (mode & 04000) != 0;
        }

        public boolean setgid() {
            return (mode & 02000) != 0;
        }
    }
}
