package io.drydock.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class MediaTypesTest {

    private static final ManifestDocument.Entry LAYER = new ManifestDocument.Entry("x", "sha256:00", 1L, null);

    @Test
    void contentTypeHeaderWinsWhenItNamesAManifestType() {
        ManifestDocument body = new ManifestDocument(2, MediaTypes.OCI_MANIFEST, LAYER, List.of(LAYER), null, null);

        assertThat(MediaTypes.detect(MediaTypes.DOCKER_MANIFEST + "; charset=utf-8", body)).isEqualTo(MediaTypes.DOCKER_MANIFEST);
    }

    @Test
    void fallsBackToTheBodysMediaTypeForGenericContentTypes() {
        ManifestDocument body = new ManifestDocument(2, MediaTypes.DOCKER_MANIFEST_LIST, null, null, List.of(LAYER), null);

        assertThat(MediaTypes.detect("application/json", body)).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
    }

    @Test
    void fallsBackToTheBodysShapeWhenItOmitsTheMediaTypeAsUmociDoes() {
        assertThat(MediaTypes.detect(null, new ManifestDocument(2, null, LAYER, List.of(LAYER), null, null)))
                .isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(MediaTypes.detect("application/octet-stream", new ManifestDocument(2, null, null, null, List.of(LAYER), null)))
                .isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(MediaTypes.detect("application/json", new ManifestDocument(1, null, null, null, null, List.of())))
                .isEqualTo(MediaTypes.DOCKER_SCHEMA1);
        assertThat(MediaTypes.detect("application/json", new ManifestDocument(2, null, null, null, null, null))).isNull();
    }
}
