package io.drydock.analyzer;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.drydock.analyzer.layer.LayerDescriptor;
import io.drydock.analyzer.layer.LayerSource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole images that fight back: each fails with a clear reason, or is analysed with the hostile part ignored. */
class HostileImageTest {

    private static final byte[] CONFIG = """
            {"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[]}}"""
            .getBytes(StandardCharsets.UTF_8);

    private static ImageAnalysisResult analyze(AnalyzerLimits limits, byte[]... blobs) throws IOException {
        Map<String, byte[]> byDigest = new HashMap<>();
        for (byte[] blob : blobs) {
            byDigest.put(TestTar.describe(blob).digest(), blob);
        }
        LayerSource source = layer -> new ByteArrayInputStream(byDigest.get(layer.digest()));
        return new ImageAnalyzer(limits).analyze(AnalysisRequest.of(TestImage.describeAll(blobs), CONFIG, source));
    }

    @Test
    void failsAManifestOfTenThousandLayersBeforeOpeningAny() {
        byte[] blob = tar().file("x", "x").gzip();
        List<LayerDescriptor> layers = Collections.nCopies(10_000, TestTar.describe(blob));
        LayerSource neverOpened = layer -> {
            throw new AssertionError("opened " + layer.digest());
        };

        assertThatThrownBy(() -> new ImageAnalyzer(AnalyzerLimits.defaults())
                .analyze(AnalysisRequest.of(layers, CONFIG, neverOpened)))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("image has 10000 layers, more than 1000 (limit)");
    }

    @Test
    void failsADpkgStatusLargerThanTheInMemoryLimit() {
        byte[] layer = tar().file("var/lib/dpkg/status", "Package: x\n".repeat(20_000)).gzip();

        assertThatThrownBy(() -> analyze(AnalyzerLimits.defaults().withMaxFileBytes(100_000), layer))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("file /var/lib/dpkg/status in layer " + TestTar.describe(layer).digest()
                        + " has 220000 bytes, more than the 100000 bytes a file read into memory may have (limit)");
    }

    @Test
    void failsAnApkDatabaseLargerThanTheInMemoryLimit() {
        byte[] layer = tar().file("lib/apk/db/installed", "P:x\nV:1\n\n".repeat(20_000)).gzip();

        assertThatThrownBy(() -> analyze(AnalyzerLimits.defaults().withMaxFileBytes(100_000), layer))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageStartingWith("file /lib/apk/db/installed in layer ")
                .hasMessageContaining("more than the 100000 bytes a file read into memory may have (limit)");
    }

    @Test
    void failsOnceManyPackageDatabasesTogetherPassTheCollectedLimit() {
        byte[] one = tar().file("var/lib/dpkg/status", "Package: a\n".repeat(5000)).gzip();
        byte[] two = tar().file("var/lib/dpkg/status", "Package: b\n".repeat(5000)).gzip();

        assertThatThrownBy(() -> analyze(AnalyzerLimits.defaults().withMaxCollectedBytes(80_000), one, two))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageStartingWith("file contents kept for cataloguing exceed 80000 bytes (limit)");
    }

    @Test
    void analysesAnImageWhoseOsReleaseIsASymlinkLoopAsAnUnknownDistro() throws IOException {
        byte[] layer = tar().symlink("etc/os-release", "../usr/lib/os-release")
                .symlink("usr/lib/os-release", "/etc/os-release").symlink("var/lib/dpkg/status", "status")
                .symlink("lib/apk/db", "db").gzip();

        ImageAnalysisResult result = analyze(AnalyzerLimits.defaults(), layer);

        assertThat(result.distro()).isEqualTo("Unknown");
        assertThat(result.packages()).isEmpty();
        assertThat(result.files()).hasSize(4);
    }

    @Test
    void failsAConfigNestedDeeperThanTheJsonParserAllows() {
        byte[] deep = ("{\"config\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}")
                .getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new ImageAnalyzer(AnalyzerLimits.defaults()).analyze(
                AnalysisRequest.of(List.of(), deep, layer -> new ByteArrayInputStream(new byte[0]))))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageStartingWith("image config is not valid JSON: ");
    }
}
