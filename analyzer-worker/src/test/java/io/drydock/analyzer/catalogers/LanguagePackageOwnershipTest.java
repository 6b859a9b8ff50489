package io.drydock.analyzer.catalogers;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.AnalysisRequest;
import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.ImageAnalysisResult;
import io.drydock.analyzer.ImageAnalyzer;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.TestImage;
import io.drydock.analyzer.TestTar;
import io.drydock.analyzer.catalogers.DebianPackages.Unpacked;
import io.drydock.analyzer.layer.LayerDescriptor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Through the whole analyzer: language packages whose manifest a Debian package installed are that package's content
 * and are not reported again; those pip or gem installed on top are.
 */
class LanguagePackageOwnershipTest {

    private static final String CONFIG = """
            {"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[]}}
            """;
    private static final String SITE_PACKAGES = "usr/local/lib/python3.11/site-packages";
    private static final String GEM_SPECIFICATIONS = "usr/local/lib/ruby/gems/3.1.0/specifications";

    @Test
    void reportsPipAndGemInstalledPackagesButNotThoseDpkgOwns() throws IOException {
        Unpacked six = DebianPackages.fetch("python3-six");
        Unpacked rack = DebianPackages.fetch("ruby-rack");
        Unpacked pipWhl = DebianPackages.fetch("python3-pip-whl");
        TestTar debian = tar()
                .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nPRETTY_NAME=\"Debian GNU/Linux 12\"\n")
                .file("var/lib/dpkg/status", six.statusStanza() + "\n" + rack.statusStanza())
                .file("var/lib/dpkg/info/python3-six.list", six.fileList())
                .file("var/lib/dpkg/info/ruby-rack.list", rack.fileList());
        byte[] base = rack.addTo(six.addTo(debian)).gzip();
        String rackSpec = rack.paths().stream().filter(path -> path.endsWith(".gemspec")).findFirst().orElseThrow();
        TestTar installs = tar().file(GEM_SPECIFICATIONS + "/rack-" + rack.upstreamVersion() + ".gemspec",
                rack.read(rackSpec), 0644, 0, 0);
        byte[] top = pipWhl.installWheel(installs, "pip-", SITE_PACKAGES).gzip();

        ImageAnalysisResult result = analyze(base, top);

        assertThat(result.packages()).filteredOn(PackageRecord::isOsPackage).extracting(PackageRecord::name)
                .containsExactlyInAnyOrder("python3-six", "ruby-rack");
        assertThat(result.packages()).filteredOn(pkg -> !pkg.isOsPackage())
                .extracting(PackageRecord::type, PackageRecord::name, PackageRecord::location,
                        PackageRecord::layerDigest)
                .containsExactlyInAnyOrder(
                        tuple("python", "pip", "/" + SITE_PACKAGES + "/pip-" + pipWhl.upstreamVersion()
                                + ".dist-info/METADATA", TestTar.describe(top).digest()),
                        tuple("gem", "rack", "/" + GEM_SPECIFICATIONS + "/rack-" + rack.upstreamVersion() + ".gemspec",
                                TestTar.describe(top).digest()));
    }

    private static ImageAnalysisResult analyze(byte[]... layers) throws IOException {
        Map<String, byte[]> blobs = new HashMap<>();
        List<LayerDescriptor> descriptors = TestImage.describeAll(layers);
        for (int i = 0; i < layers.length; i++) {
            blobs.put(descriptors.get(i).digest(), layers[i]);
        }
        return new ImageAnalyzer(AnalyzerLimits.defaults()).analyze(AnalysisRequest.of(descriptors,
                CONFIG.getBytes(StandardCharsets.UTF_8), layer -> new ByteArrayInputStream(blobs.get(layer.digest()))));
    }
}
