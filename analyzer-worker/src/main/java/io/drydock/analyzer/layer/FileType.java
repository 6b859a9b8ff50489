package io.drydock.analyzer.layer;

import com.fasterxml.jackson.annotation.JsonValue;

/** Type of a file system entry, named as Anchore's file listings name them. */
public enum FileType {
    FILE("file"),
    DIR("dir"),
    SYMLINK("slink"),
    HARDLINK("hlink"),
    CHAR_DEVICE("chrdev"),
    BLOCK_DEVICE("blkdev"),
    FIFO("fifo");

    private final String label;

    FileType(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }
}
