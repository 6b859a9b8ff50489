package io.drydock.analyzer.layer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

/**
 * Layer compression, detected from the first bytes: registries and tools mislabel media types often enough
 * ({@code tar+gzip} on an uncompressed blob, Docker media types on zstd layers) that the label is not trusted.
 */
public enum Compression {
    GZIP,
    ZSTD,
    NONE;

    private static final int MAGIC_LENGTH = 4;

    /** Peeks at the magic bytes; the stream must support mark/reset. */
    static Compression detect(BufferedInputStream in) throws IOException {
        in.mark(MAGIC_LENGTH);
        byte[] magic = in.readNBytes(MAGIC_LENGTH);
        in.reset();
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            return GZIP;
        }
        if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5
                && (magic[2] & 0xff) == 0x2f && (magic[3] & 0xff) == 0xfd) {
            return ZSTD;
        }
        return NONE;
    }

    InputStream decompress(InputStream in) throws IOException {
        return switch (this) {
            // Concatenated members are legal gzip and some layer writers produce them.
            case GZIP -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case ZSTD -> new ZstdCompressorInputStream(in);
            case NONE -> in;
        };
    }
}
