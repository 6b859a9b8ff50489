package io.drydock.testkit.image;

/** How a test layer's tar stream is compressed. */
public enum Compression {
    NONE,
    GZIP,
    ZSTD
}
