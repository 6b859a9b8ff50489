package io.drydock.platform.objectstore;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FileSystemObjectStoreTest {

    @TempDir
    Path root;

    @Test
    void storesReadsListsAndDeletesByPrefix() throws IOException {
        FileSystemObjectStore store = new FileSystemObjectStore(root);

        store.put("images/aa/manifest.json", bytes("{}"), 10);
        store.put("images/aa/blobs/sha256/01", bytes("layer"), 10);
        store.put("images/bb/manifest.json", bytes("{ }"), 10);

        try (InputStream in = store.open("images/aa/blobs/sha256/01")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("layer");
        }
        assertThat(store.children("images")).containsExactly("aa", "bb");
        store.deleteAll("images/aa");
        assertThat(store.exists("images/aa/manifest.json")).isFalse();
        assertThat(store.exists("images/bb/manifest.json")).isTrue();
        assertThatThrownBy(() -> store.open("images/aa/manifest.json")).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void anObjectOverItsLimitLeavesNothingBehind() throws IOException {
        FileSystemObjectStore store = new FileSystemObjectStore(root);

        assertThatThrownBy(() -> store.put("images/aa/big", bytes("0123456789a"), 10))
                .isInstanceOf(ObjectTooLargeException.class).hasMessageContaining("10 bytes");

        assertThat(store.exists("images/aa/big")).isFalse();
        try (var incoming = Files.list(root.resolve(".incoming"))) {
            assertThat(incoming).as("no temporary file left").isEmpty();
        }
    }

    @Test
    void aFailingWriterLeavesThePreviousObjectWhole() throws IOException {
        FileSystemObjectStore store = new FileSystemObjectStore(root);
        store.put("images/aa/manifest.json", bytes("first"), 100);

        InputStream failing = new InputStream() {
            private int n;

            @Override
            public int read() throws IOException {
                if (n++ > 3) {
                    throw new IOException("connection reset");
                }
                return 'x';
            }
        };
        assertThatThrownBy(() -> store.put("images/aa/manifest.json", failing, 100)).hasMessage("connection reset");

        try (InputStream in = store.open("images/aa/manifest.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first");
        }
    }

    @Test
    void refusesKeysThatCouldLeaveTheRoot() throws IOException {
        FileSystemObjectStore store = new FileSystemObjectStore(root);

        for (String key : new String[]{"../escape", "images/../../escape", "/etc/passwd", "images/./x", "Images/A",
                ".incoming/x", "images//x", ""}) {
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

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
