package io.drydock.policy.gate;

/**
 * One file of the image's squashed filesystem.
 *
 * @param mode   permission bits as an int (e.g. {@code 0755}), without the file-type bits
 * @param sha256 hex digest, null for non-regular files
 */
public record FileFact(String path, int mode, long size, String sha256, boolean setuid, boolean setgid) {}
