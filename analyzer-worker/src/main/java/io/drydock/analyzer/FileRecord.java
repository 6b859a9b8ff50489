package io.drydock.analyzer;

import io.drydock.analyzer.layer.FileType;
import io.drydock.analyzer.layer.FsEntry;
import io.drydock.analyzer.layer.ImagePaths;

/**
 * One path of the final file system.
 *
 * @param path        absolute ({@code /etc/passwd})
 * @param mode        permission bits with setuid/setgid/sticky, no type bits
 * @param sha256      hex, for regular files and hard links to them; null otherwise
 * @param linkTarget  symlink target as written, or the absolute hard link target; null otherwise
 * @param layerDigest the layer that wrote the final content
 */
public record FileRecord(
        String path,
        FileType type,
        int mode,
        long uid,
        long gid,
        long size,
        String sha256,
        String linkTarget,
        String layerDigest,
        boolean setuid,
        boolean setgid) {

    static FileRecord of(FsEntry entry) {
        String linkTarget = entry.type() == FileType.HARDLINK
                ? ImagePaths.absolute(entry.linkTarget())
                : entry.linkTarget();
        return new FileRecord(ImagePaths.absolute(entry.path()), entry.type(), entry.mode(), entry.uid(), entry.gid(),
                entry.size(), entry.sha256(), linkTarget, entry.layerDigest(), entry.setuid(), entry.setgid());
    }
}
