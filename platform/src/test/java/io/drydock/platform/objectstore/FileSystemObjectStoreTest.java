package io.drydock.platform.objectstore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemObjectStoreTest extends ObjectStoreContract {

    @TempDir
    Path root;

    @Override
    FileSystemObjectStore store() throws IOException {
        return new FileSystemObjectStore(root);
    }

    @Test
    void anObjectOverItsLimitLeavesNoTemporaryFile() throws IOException {
        FileSystemObjectStore store = store();

        assertThatThrownBy(() -> store.put("images/aa/big", bytes("0123456789a"), 10))
                .isInstanceOf(ObjectTooLargeException.class);

        try (var incoming = Files.list(root.resolve(".incoming"))) {
            assertThat(incoming).as("no temporary file left").isEmpty();
        }
    }

    @Test
    void refusesKeysThatCouldLeaveTheRoot() throws IOException {
        FileSystemObjectStore store = store();

        for (String key : new String[]{"../escape", "images/../../escape", ".incoming/x"}) {
            assertThatThrownBy(() -> store.put(key, bytes("x"), 10)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(root.getParent().resolve("escape")).doesNotExist();
    }

    @Test
    void sweepsTemporaryFilesACrashLeftOnStart() throws IOException {
        Files.createDirectories(root.resolve(".incoming"));
        Files.writeString(root.resolve(".incoming/half-written"), "partial");

        new FileSystemObjectStore(root);

        assertThat(root.resolve(".incoming/half-written")).doesNotExist();
    }

    @Test
    void checksContentAgainstItsDigestAtTheEnd() throws IOException {
        String digest = "sha256:" + "0".repeat(64);
        try (InputStream in = new Sha256CheckingInputStream(bytes("content"), digest, "blob x")) {
            assertThatThrownBy(in::readAllBytes).isInstanceOf(Sha256CheckingInputStream.ContentDigestMismatchException.class)
                    .hasMessageContaining("blob x").hasMessageContaining(digest);
        }
    }
}
