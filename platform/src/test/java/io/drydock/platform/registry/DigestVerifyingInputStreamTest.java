package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DigestVerifyingInputStreamTest {

    private static final byte[] CONTENT = "layer content".getBytes(StandardCharsets.UTF_8);

    @Test
    void passesContentThroughWhenTheDigestMatches() throws IOException {
        try (InputStream in = new DigestVerifyingInputStream(new ByteArrayInputStream(CONTENT), Digests.sha256(CONTENT))) {
            assertThat(in.readAllBytes()).isEqualTo(CONTENT);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void failsAtTheEndWhenTheDigestDoesNotMatch() throws IOException {
        String expected = Digests.sha256("other".getBytes(StandardCharsets.UTF_8));
        try (InputStream in = new DigestVerifyingInputStream(new ByteArrayInputStream(CONTENT), expected)) {
            assertThatThrownBy(in::readAllBytes)
                    .isInstanceOfSatisfying(RegistryException.class,
                            e -> assertThat(e.code()).isEqualTo(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE))
                    .hasMessageContaining("blob " + expected + " digest mismatch");
        }
    }

    @Test
    void hashesSkippedBytes() throws IOException {
        try (InputStream in = new DigestVerifyingInputStream(new ByteArrayInputStream(CONTENT), Digests.sha256(CONTENT))) {
            assertThat(in.skip(5)).isEqualTo(5);
            assertThat(in.readAllBytes()).hasSize(CONTENT.length - 5);
        }
    }
}
