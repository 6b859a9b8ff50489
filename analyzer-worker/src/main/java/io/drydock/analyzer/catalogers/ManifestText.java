package io.drydock.analyzer.catalogers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a manifest or lock file as text, refusing files larger than a format-specific bound: real manifests are small,
 * and a parser that builds structures from its input must not be fed an arbitrary amount of it.
 */
public final class ManifestText {

    private ManifestText() {
    }

    /**
     * The file as UTF-8 (invalid bytes become U+FFFD).
     *
     * @throws IOException when the file is larger than {@code maxBytes}; the caller's analysis goes on with a warning
     */
    public static String read(ScannedFile file, long maxBytes) throws IOException {
        if (file.size() > maxBytes) {
            throw new IOException(file.size() + " bytes, more than the " + maxBytes + " bytes read of such a file");
        }
        byte[] bytes = file.bytes().orElse(null);
        if (bytes == null) {
            try (InputStream in = file.open()) {
                bytes = in.readNBytes((int) maxBytes);
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
