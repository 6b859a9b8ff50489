package io.drydock.platform.objectstore;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ObjectStore} does, whatever keeps the objects; each implementation's test extends this. */
abstract class ObjectStoreContract {

    /** An empty store. */
    abstract ObjectStore store() throws IOException;

    @Test
    void storesReadsListsAndDeletesByPrefix() throws IOException {
        ObjectStore store = store();

        store.put("images/aa/manifest.json", bytes("{}"), 10);
        store.put("images/aa/blobs/sha256/01", bytes("layer"), 10);
        store.put("images/bb/manifest.json", bytes("{ }"), 10);

        try (InputStream in = store.open("images/aa/blobs/sha256/01")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("layer");
        }
        assertThat(store.children("images")).containsExactly("aa", "bb");
        assertThat(store.children("images/aa")).containsExactly("blobs", "manifest.json");
        assertThat(store.children("nothing")).isEmpty();

        store.deleteAll("images/aa");

        assertThat(store.exists("images/aa/manifest.json")).isFalse();
        assertThat(store.exists("images/aa/blobs/sha256/01")).isFalse();
        assertThat(store.exists("images/bb/manifest.json")).isTrue();
        assertThatThrownBy(() -> store.open("images/aa/manifest.json")).isInstanceOf(NoSuchFileException.class);
        store.deleteAll("images/aa");
    }

    @Test
    void replacesAnObject() throws IOException {
        ObjectStore store = store();
        store.put("images/aa/manifest.json", bytes("first"), 100);
        store.put("images/aa/manifest.json", bytes("second"), 100);

        try (InputStream in = store.open("images/aa/manifest.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("second");
        }
    }

    @Test
    void anObjectOverItsLimitIsNotStored() throws IOException {
        ObjectStore store = store();

        assertThatThrownBy(() -> store.put("images/aa/big", bytes("0123456789a"), 10))
                .isInstanceOf(ObjectTooLargeException.class).hasMessageContaining("10 bytes");

        assertThat(store.exists("images/aa/big")).isFalse();
        assertThat(store.children("images")).isEmpty();
    }

    @Test
    void aFailingWriterLeavesThePreviousObjectWhole() throws IOException {
        ObjectStore store = store();
        store.put("images/aa/manifest.json", bytes("first"), 100);

        assertThatThrownBy(() -> store.put("images/aa/manifest.json", failingAfter(new byte[4]), 100))
                .hasMessage("connection reset");

        try (InputStream in = store.open("images/aa/manifest.json")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("first");
        }
    }

    @Test
    void refusesKeysThatAreNotObjectKeys() throws IOException {
        ObjectStore store = store();

        for (String key : new String[]{"../escape", "images/../../escape", "/etc/passwd", "images/./x", "Images/A",
                "images//x", "images/a?b", ""}) {
            assertThatThrownBy(() -> store.put(key, bytes("x"), 10)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> store.open(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** Yields {@code content}, then fails as a dropped upload does. */
    static InputStream failingAfter(byte[] content) {
        return new java.io.SequenceInputStream(new ByteArrayInputStream(content), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
    }

    static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
