package io.drydock.policy.gate;

/**
 * One file of the image's squashed filesystem.
 *
 * @param mode   the full {@code st_mode} as the analyzer records it, file type included (e.g. {@code 0100755});
 *               Anchore prints it in messages, so trigger ids depend on it
 * @param sha256 hex digest, null for non-regular files
 */
public record FileFact(String path, int mode, long size, String sha256, boolean setuid, boolean setgid) {}
