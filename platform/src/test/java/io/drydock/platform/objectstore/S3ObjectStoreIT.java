package io.drydock.platform.objectstore;

import io.drydock.platform.net.OutboundHttp;
import io.drydock.testkit.s3.TestS3;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Clock;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link S3ObjectStore} against a real S3-compatible server on loopback: testkit's {@link TestS3} (LocalS3), which
 * implements S3's REST API but does not check signatures; {@link SigV4SignerTest} checks those against AWS's examples.
 * A fresh bucket per test, parts of S3's minimum size (5 MiB).
 */
class S3ObjectStoreIT extends ObjectStoreContract {

    private static final long PART = S3ObjectStore.MIN_PART_SIZE;
    private static final HttpClient HTTP = OutboundHttp.direct().objectStore().version(HttpClient.Version.HTTP_1_1).build();

    private final TestS3 s3 = TestS3.shared();
    private String bucket;

    @BeforeEach
    void newBucket() {
        bucket = s3.createBucket();
    }

    @Override
    S3ObjectStore store() {
        return store(null, 1000);
    }

    @Test
    void keepsKeysUnderTheConfiguredPrefix() throws IOException {
        S3ObjectStore store = store("installation-1", 1000);

        store.put("images/aa/manifest.json", bytes("{}"), 10);

        assertThat(store("", 1000).exists("installation-1/images/aa/manifest.json")).isTrue();
        assertThat(store("installation-2", 1000).exists("images/aa/manifest.json")).isFalse();
        assertThat(store.children("images")).containsExactly("aa");
    }

    @Test
    void uploadsBigObjectsInPartsAndReadsThemBackWhole() throws IOException {
        S3ObjectStore store = store();
        byte[] threeParts = random(2 * PART + 3);
        byte[] exactlyTwoParts = random(2 * PART);

        assertThat(store.put("images/aa/blobs/sha256/big", new ByteArrayInputStream(threeParts), Long.MAX_VALUE))
                .isEqualTo(threeParts.length);
        assertThat(store.put("images/aa/blobs/sha256/even", new ByteArrayInputStream(exactlyTwoParts), 2 * PART))
                .isEqualTo(exactlyTwoParts.length);

        try (InputStream in = store.open("images/aa/blobs/sha256/big")) {
            assertThat(in.readAllBytes()).isEqualTo(threeParts);
        }
        try (InputStream in = store.open("images/aa/blobs/sha256/even")) {
            assertThat(in.readAllBytes()).isEqualTo(exactlyTwoParts);
        }
    }

    @Test
    void aMultipartObjectOverItsLimitIsAbortedAndNotStored() throws IOException {
        S3ObjectStore store = store();

        // Over the limit in the third part, after two parts were uploaded.
        assertThatThrownBy(() -> store.put("images/aa/big", new ByteArrayInputStream(random(2 * PART + 10)), 2 * PART + 5))
                .isInstanceOf(ObjectTooLargeException.class);

        assertThat(store.exists("images/aa/big")).isFalse();
        assertThat(store.children("images")).isEmpty();
    }

    @Test
    void aMultipartUploadThatFailsLeavesThePreviousObjectWhole() throws IOException {
        S3ObjectStore store = store();
        store.put("images/aa/blobs/sha256/big", bytes("small before"), Long.MAX_VALUE);

        // Fails in the second part.
        assertThatThrownBy(() -> store.put("images/aa/blobs/sha256/big", failingAfter(random(PART + 100)), Long.MAX_VALUE))
                .hasMessage("connection reset");

        try (InputStream in = store.open("images/aa/blobs/sha256/big")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("small before");
        }
    }

    @Test
    void listsAndDeletesAcrossPages() throws IOException {
        // Two keys per page: every listing below takes several pages and continuation tokens.
        S3ObjectStore store = store("p", 2);
        for (String digest : new String[]{"aa", "bb", "cc", "dd", "ee"}) {
            store.put("images/" + digest + "/manifest.json", bytes("{}"), 10);
        }
        for (int i = 0; i < 5; i++) {
            store.put("images/aa/blobs/sha256/0" + i, bytes("layer"), 10);
        }

        assertThat(store.children("images")).containsExactly("aa", "bb", "cc", "dd", "ee");
        assertThat(store.children("images/aa/blobs/sha256")).containsExactly("00", "01", "02", "03", "04");

        store.deleteAll("images/aa");

        assertThat(store.children("images")).containsExactly("bb", "cc", "dd", "ee");
        assertThat(store.children("images/aa/blobs/sha256")).isEmpty();
    }

    @Test
    void aMissingObjectIsNoSuchFile() {
        assertThatThrownBy(() -> store().open("images/aa/manifest.json")).isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("images/aa/manifest.json")
                .cause().isInstanceOf(S3Exception.class).hasMessageContaining("NoSuchKey");
    }

    @Test
    void reportsTheS3ErrorCodeAndMessage() {
        S3ObjectStore store = new S3ObjectStore(new S3ObjectStore.Settings(s3.endpoint(), "no-such-bucket-here",
                "us-east-1", null, "drydock", "secret", PART, 1000), HTTP, Clock.systemUTC());

        assertThatThrownBy(() -> store.put("images/aa/manifest.json", bytes("{}"), 10))
                .isInstanceOf(S3Exception.class)
                .hasMessageContaining("PUT images/aa/manifest.json")
                .hasMessageContaining("HTTP 404 NoSuchBucket")
                .satisfies(e -> assertThat(((S3Exception) e).code()).isEqualTo("NoSuchBucket"));
    }

    private S3ObjectStore store(String prefix, int listPageSize) {
        return new S3ObjectStore(new S3ObjectStore.Settings(s3.endpoint(), bucket, "us-east-1", prefix, "drydock",
                "secret", PART, listPageSize), HTTP, Clock.systemUTC());
    }

    private static byte[] random(long size) {
        byte[] bytes = new byte[Math.toIntExact(size)];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
