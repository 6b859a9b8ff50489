package io.drydock.analyzer.layer;

/**
 * One path of the image file system as the layer that last wrote it left it.
 *
 * @param path        normalised, relative to the image root, no leading slash ({@code etc/passwd})
 * @param mode        permission bits including setuid (04000), setgid (02000) and sticky (01000); no type bits
 * @param size        bytes of content; for a hard link, its target's size
 * @param linkTarget  symlink target as written, or the normalised hard link target; null otherwise
 * @param sha256      hex digest of the content of regular files and hard links to them; null otherwise
 * @param layerIndex  position of the writing layer in the manifest, from 0
 * @param layerDigest digest of the writing layer
 */
public record FsEntry(
        String path,
        FileType type,
        int mode,
        long uid,
        long gid,
        long size,
        String linkTarget,
        String sha256,
        int layerIndex,
        String layerDigest) {

    static final int SETUID = 04000;
    static final int SETGID = 02000;

    public boolean setuid() {
        return (mode & SETUID) != 0;
    }

    public boolean setgid() {
        return (mode & SETGID) != 0;
    }

    /** Content-bearing entries: only these can have collected content or a digest. */
    public boolean holdsContent() {
        return type == FileType.FILE || type == FileType.HARDLINK;
    }
}
