package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class ResumingBlobStreamTest {

    private static final byte[] BLOB = "0123456789abcdefghijklmnopqrstuvwxyz".getBytes(StandardCharsets.UTF_8);
    private static final String WHAT = "blob sha256:abc of registry.example.com/app";

    private final List<Long> reopenedAt = new ArrayList<>();

    @Test
    void resumesWhereTheConnectionBrokeUntilTheBlobIsComplete() throws IOException {
        ResumingBlobStream.Reopener rest = (offset, resume) -> {
            reopenedAt.add(offset);
            return breakingAfter(Arrays.copyOfRange(BLOB, (int) offset, BLOB.length), 10);
        };
        try (InputStream in = new ResumingBlobStream(WHAT, breakingAfter(BLOB, 7), BLOB.length, 5, rest)) {
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
        }
        assertThat(reopenedAt).containsExactly(7L, 17L, 27L);
    }

    @Test
    void givesUpAfterTheBoundedNumberOfResumes() {
        ResumingBlobStream.Reopener stuck = (offset, resume) -> {
            reopenedAt.add(offset);
            return breakingAfter(Arrays.copyOfRange(BLOB, (int) offset, BLOB.length), 1);
        };
        InputStream in = new ResumingBlobStream(WHAT, breakingAfter(BLOB, 5), BLOB.length, 3, stuck);

        assertThatThrownBy(in::readAllBytes)
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE))
                .hasMessageContaining(WHAT + " broke off at byte 8 of 36 and 3 resumes did not complete it")
                .hasMessageContaining("connection reset");
        assertThat(reopenedAt).containsExactly(5L, 6L, 7L);
    }

    @Test
    void countsAFailedReopeningAsAFailure() throws IOException {
        ResumingBlobStream.Reopener flaky = (offset, resume) -> {
            reopenedAt.add(offset);
            if (resume == 1) {
                throw new IOException("connection refused");
            }
            return new ByteArrayInputStream(Arrays.copyOfRange(BLOB, (int) offset, BLOB.length));
        };
        try (InputStream in = new ResumingBlobStream(WHAT, breakingAfter(BLOB, 4), -1, 2, flaky)) {
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
        }
        assertThat(reopenedAt).containsExactly(4L, 4L);
    }

    @Test
    void doesNotResumeWhenResumingIsOff() {
        InputStream in = new ResumingBlobStream(WHAT, breakingAfter(BLOB, 4), BLOB.length, 0, (offset, resume) -> {
            throw new AssertionError("not to be reopened");
        });

        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(RegistryException.class)
                .hasMessageContaining(WHAT + " broke off at byte 4 of 36: java.io.IOException: connection reset");
    }

    @Test
    void failsAsSoonAsTheBlobRunsPastItsDeclaredSize() throws IOException {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        try (InputStream in = new ResumingBlobStream(WHAT, endless, 1000, 3, (offset, resume) -> endless)) {
            assertThatThrownBy(() -> in.transferTo(java.io.OutputStream.nullOutputStream()))
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_SUPPORTED))
                    .hasMessage(WHAT + " is larger than its descriptor says (1000 bytes)");
        }
    }

    @Test
    void failsAtTheEndOfABlobShorterThanDeclared() {
        InputStream in = new ResumingBlobStream(WHAT, new ByteArrayInputStream(BLOB), BLOB.length + 1, 3,
                (offset, resume) -> InputStream.nullInputStream());

        assertThatThrownBy(in::readAllBytes)
                .isInstanceOfSatisfying(RegistryException.class,
                        e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_SUPPORTED))
                .hasMessage(WHAT + " is smaller than its descriptor says (37 bytes): it ended after 36");
    }

    @Test
    void passesABlobOfExactlyTheDeclaredSize() throws IOException {
        try (InputStream in = new ResumingBlobStream(WHAT, new ByteArrayInputStream(BLOB), BLOB.length, 0, null)) {
            assertThat(in.readAllBytes()).isEqualTo(BLOB);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    /** The bytes, then an {@link IOException} as a reset connection gives. */
    private static InputStream breakingAfter(byte[] bytes, int count) {
        return new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                if (position == count && position < bytes.length) {
                    throw new IOException("connection reset");
                }
                return position < bytes.length ? bytes[position++] & 0xff : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (position == count && position < bytes.length) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(length, Math.min(count, bytes.length) - position);
                if (n <= 0) {
                    return -1;
                }
                System.arraycopy(bytes, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
    }
}
