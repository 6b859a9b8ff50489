package io.drydock.analyzer.catalogers.rpm;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.AnalysisFailure;
import io.drydock.analyzer.AnalysisRequest;
import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.ImageAnalysisResult;
import io.drydock.analyzer.ImageAnalyzer;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.TestImage;
import io.drydock.analyzer.TestTar;
import io.drydock.analyzer.layer.LayerDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole analysis of an AlmaLinux-shaped image whose rpm database Debian's rpm wrote ({@link RealRpmDatabase}). */
class RpmImageAnalysisTest {

    private static final String ALMA_OS_RELEASE = """
            NAME="AlmaLinux"
            VERSION="9.3 (Shamrock Pampas Cat)"
            ID="almalinux"
            ID_LIKE="rhel centos fedora"
            VERSION_ID="9.3"
            PLATFORM_ID="platform:el9"
            """;
    private static final String CONFIG = """
            {"architecture":"amd64","os":"linux","config":{},
             "rootfs":{"type":"layers","diff_ids":["sha256:01","sha256:02"]}}
            """;
    private static final String SQLITE = "usr/lib/sysimage/rpm/rpmdb.sqlite";

    @TempDir
    Path temp;

    private static ImageAnalysisResult analyze(AnalyzerLimits limits, byte[]... layers) throws IOException {
        List<LayerDescriptor> descriptors = TestImage.describeAll(layers);
        Map<String, byte[]> blobs = Stream.of(layers)
                .collect(Collectors.toMap(blob -> TestTar.describe(blob).digest(), Function.identity()));
        return new ImageAnalyzer(limits).analyze(AnalysisRequest.of(descriptors,
                CONFIG.getBytes(StandardCharsets.UTF_8),
                layer -> new ByteArrayInputStream(blobs.get(layer.digest()))));
    }

    @Test
    void catalogsAnRpmImageLayerByLayer() throws Exception {
        Path root = temp.resolve("root");
        RealRpmDatabase.installInto(root, RealRpmDatabase.packages().rpmFiles("drydock-hello"));
        byte[] base = tar()
                .file("etc/os-release", ALMA_OS_RELEASE)
                .file(SQLITE, RealRpmDatabase.sqliteOf(root), 0644, 0, 0)
                .symlink("var/lib/rpm", "../../usr/lib/sysimage/rpm")
                .file("usr/bin/drydock-hello", "#!/bin/sh\necho hello\n")
                .gzip();
        RealRpmDatabase.installInto(root, RealRpmDatabase.packages().rpmFiles("drydock-data1"));
        byte[] install = tar().file(SQLITE, RealRpmDatabase.sqliteOf(root), 0644, 0, 0).gzip();

        ImageAnalysisResult result = analyze(AnalyzerLimits.defaults(), base, install);

        assertThat(result).extracting(ImageAnalysisResult::distro, ImageAnalysisResult::distroVersion,
                        ImageAnalysisResult::flavor)
                .containsExactly("almalinux", "9.3", "RHEL");
        assertThat(result.packages()).extracting(PackageRecord::type, PackageRecord::name, PackageRecord::version,
                        PackageRecord::layerDigest, PackageRecord::location, PackageRecord::purl)
                .containsExactly(
                        tuple("rpm", "drydock-data1", "3.1-1", TestTar.describe(install).digest(), "/" + SQLITE,
                                "pkg:rpm/almalinux/drydock-data1@3.1-1?arch=noarch&distro=almalinux-9.3"),
                        tuple("rpm", "drydock-hello", "2:1.2.3-4.dd1", TestTar.describe(base).digest(),
                                "/" + SQLITE, "pkg:rpm/almalinux/drydock-hello@1.2.3-4.dd1?arch=x86_64"
                                        + "&distro=almalinux-9.3&epoch=2"),
                        tuple("rpm", "drydock-hello-libs", "2:1.2.3-4.dd1", TestTar.describe(base).digest(),
                                "/" + SQLITE, "pkg:rpm/almalinux/drydock-hello-libs@1.2.3-4.dd1?arch=x86_64"
                                        + "&distro=almalinux-9.3&epoch=2"));
        assertThat(result.packages().get(0).files()).hasSize(60);
    }

    @Test
    void failsTheAnalysisWhenTheDatabaseExceedsTheSingleFileLimit() throws Exception {
        Path root = temp.resolve("root");
        RealRpmDatabase.installInto(root, RealRpmDatabase.packages().rpmFiles("drydock-hello"));
        byte[] sqlite = RealRpmDatabase.sqliteOf(root);
        byte[] layer = tar().file(SQLITE, sqlite, 0644, 0, 0).gzip();

        assertThatThrownBy(() -> analyze(AnalyzerLimits.defaults().withMaxFileBytes(64 * 1024), layer))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageContaining("/" + SQLITE);
    }
}
