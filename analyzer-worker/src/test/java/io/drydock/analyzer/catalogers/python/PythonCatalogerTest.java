package io.drydock.analyzer.catalogers.python;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.TestImage;
import io.drydock.analyzer.TestTar;
import io.drydock.analyzer.Warnings;
import io.drydock.analyzer.catalogers.DebianPackages;
import io.drydock.analyzer.catalogers.DebianPackages.Unpacked;
import io.drydock.analyzer.distro.Distro;
import io.drydock.analyzer.layer.ImageFileSystem;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class PythonCatalogerTest {

    private static final String DIST_PACKAGES = "usr/lib/python3/dist-packages";
    private static final String SITE_PACKAGES = "usr/local/lib/python3.11/site-packages";

    private final PythonCataloger cataloger = new PythonCataloger();

    @Test
    void readsTheEggInfoDirectoriesOfDebianPythonPackages() {
        Unpacked requests = DebianPackages.fetch("python3-requests");
        Unpacked six = DebianPackages.fetch("python3-six");
        byte[] layer = six.addTo(requests.addTo(tar())).gzip();

        List<PackageRecord> packages = catalog(layer);

        PackageRecord requestsPkg = find(packages, "requests");
        String version = requests.upstreamVersion();
        assertThat(requestsPkg.type()).isEqualTo("python");
        assertThat(requestsPkg.version()).isEqualTo(version);
        assertThat(requestsPkg.location())
                .isEqualTo("/" + DIST_PACKAGES + "/requests-" + version + ".egg-info/PKG-INFO");
        assertThat(requestsPkg.licenses()).containsExactly("Apache 2.0");
        assertThat(requestsPkg.origin()).isEqualTo("Kenneth Reitz <me@kennethreitz.org>");
        assertThat(requestsPkg.purl()).isEqualTo("pkg:pypi/requests@" + version);
        assertThat(requestsPkg.cpes()).contains("cpe:2.3:a:python:requests:" + version + ":*:*:*:*:python:*:*",
                "cpe:2.3:a:python-requests:requests:" + version + ":*:*:*:*:python:*:*");
        assertThat(requestsPkg.metadata()).containsEntry("top-level", "requests")
                .containsEntry("site-packages", "/" + DIST_PACKAGES);
        assertThat(requestsPkg.layerDigest()).isEqualTo(TestTar.describe(layer).digest());
        // Debian's egg-info directories carry no installed-files.txt: dpkg owns the files.
        assertThat(requestsPkg.files()).isEmpty();

        PackageRecord sixPkg = find(packages, "six");
        assertThat(sixPkg.version()).isEqualTo(six.upstreamVersion());
        assertThat(sixPkg.licenses()).containsExactly("MIT");
        assertThat(sixPkg.origin()).isEqualTo("Benjamin Peterson <benjamin@python.org>");
    }

    @Test
    void readsADebianDistInfoWithItsRecord() {
        Unpacked packaging = DebianPackages.fetch("python3-packaging");
        List<PackageRecord> packages = catalog(packaging.addTo(tar()).gzip());

        PackageRecord pkg = find(packages, "packaging");
        assertThat(pkg.version()).isEqualTo(packaging.upstreamVersion());
        assertThat(pkg.location()).endsWith(".dist-info/METADATA");
        // No License field: the classifiers name the licenses.
        assertThat(pkg.licenses()).containsExactly("Apache Software License", "BSD License");
        assertThat(pkg.origin()).isEqualTo("Donald Stufft <donald@stufft.io>");
        List<String> installed = packaging.paths().stream()
                .filter(path -> path.startsWith(DIST_PACKAGES + "/packaging/") && path.endsWith(".py"))
                .map(path -> "/" + path)
                .toList();
        assertThat(installed).isNotEmpty();
        assertThat(pkg.files()).containsAll(installed);
        assertThat(pkg.files()).allMatch(path -> path.startsWith("/" + DIST_PACKAGES + "/packaging"));
    }

    /** pip installs a wheel by unpacking it into site-packages: Debian's python3-pip-whl ships pip's real wheel. */
    @Test
    void readsAPipInstalledWheelWithRecordAndTopLevel() {
        Unpacked pipWhl = DebianPackages.fetch("python3-pip-whl");
        byte[] layer = pipWhl.installWheel(tar(), "pip-", SITE_PACKAGES).gzip();

        PackageRecord pip = find(catalog(layer), "pip");

        assertThat(pip.version()).isEqualTo(pipWhl.upstreamVersion());
        assertThat(pip.location()).isEqualTo("/" + SITE_PACKAGES + "/pip-" + pip.version() + ".dist-info/METADATA");
        assertThat(pip.licenses()).containsExactly("MIT");
        assertThat(pip.origin()).contains("distutils-sig@python.org");
        assertThat(pip.metadata()).containsEntry("top-level", "pip");
        assertThat(pip.files()).contains("/" + SITE_PACKAGES + "/pip/__init__.py",
                "/" + SITE_PACKAGES + "/pip-" + pip.version() + ".dist-info/METADATA");
    }

    /**
     * distutils' {@code install_egg_info} writes the PKG-INFO content into a single file named
     * {@code <name>-<version>.egg-info}; this one holds the real PKG-INFO of Debian's python3-six.
     */
    @Test
    void readsTheSingleFileEggInfoForm() {
        Unpacked six = DebianPackages.fetch("python3-six");
        String pkgInfo = six.paths().stream().filter(path -> path.endsWith(".egg-info/PKG-INFO")).findFirst()
                .orElseThrow();
        byte[] layer = tar().file(SITE_PACKAGES + "/six-" + six.upstreamVersion() + ".egg-info",
                six.read(pkgInfo), 0644, 0, 0).gzip();

        PackageRecord pkg = find(catalog(layer), "six");

        assertThat(pkg.location()).isEqualTo("/" + SITE_PACKAGES + "/six-" + six.upstreamVersion() + ".egg-info");
        assertThat(pkg.licenses()).containsExactly("MIT");
        assertThat(pkg.files()).isEmpty();
    }

    /** Fields as the core metadata specification (packaging.python.org, core-metadata 2.4) defines them. */
    @Test
    void followsTheCoreMetadataSpecification() {
        String metadata = """
                Metadata-Version: 2.4
                Name: Zope.Interface_Extras
                Version: 6.1.post1
                License-Expression: MIT OR Apache-2.0
                License: This line is superseded
                Maintainer: Jane Doe
                Maintainer-email: jane@example.org
                Description: first line
                        continued line
                Classifier: License :: OSI Approved :: MIT License

                Name: not-a-header (this is the long description)
                """;
        byte[] layer = tar()
                .file(SITE_PACKAGES + "/Zope.Interface_Extras-6.1.post1.dist-info/METADATA", metadata)
                .file(SITE_PACKAGES + "/Zope.Interface_Extras-6.1.post1.dist-info/RECORD", """
                        zope/interface_extras/__init__.py,sha256=abc,12
                        "zope/interface_extras/with,comma.py",sha256=def,3
                        ../../../bin/zope-extras,sha256=ghi,100
                        ../../../../../../../etc/escape,,
                        Zope.Interface_Extras-6.1.post1.dist-info/RECORD,,
                        """)
                .gzip();

        PackageRecord pkg = catalog(layer).getFirst();

        assertThat(pkg.name()).isEqualTo("Zope.Interface_Extras");
        assertThat(pkg.purl()).isEqualTo("pkg:pypi/zope-interface-extras@6.1.post1");
        assertThat(pkg.licenses()).containsExactly("MIT OR Apache-2.0");
        assertThat(pkg.origin()).isEqualTo("Jane Doe <jane@example.org>");
        assertThat(pkg.cpes()).first().isEqualTo(
                "cpe:2.3:a:zope-interface-extras:zope-interface-extras:6.1.post1:*:*:*:*:python:*:*");
        assertThat(pkg.files()).containsExactly(
                "/" + SITE_PACKAGES + "/zope/interface_extras/__init__.py",
                "/" + SITE_PACKAGES + "/zope/interface_extras/with,comma.py",
                "/usr/local/bin/zope-extras",
                "/" + SITE_PACKAGES + "/Zope.Interface_Extras-6.1.post1.dist-info/RECORD");
        CoreMetadata parsed = CoreMetadata.parse(metadata);
        assertThat(parsed.first("description")).isEqualTo("first line\ncontinued line");
        assertThat(parsed.all("Name")).containsExactly("Zope.Interface_Extras");
    }

    /**
     * setuptools' {@code install_egg_info} lists installed files relative to the .egg-info directory
     * (setuptools documentation, "installed-files.txt"); an .egg directory keeps its metadata in EGG-INFO.
     */
    @Test
    void readsEggsWithTheirInstalledFiles() {
        String pkgInfo = "Metadata-Version: 1.1\nName: legacy_tool\nVersion: 0.9\nLicense: BSD\n";
        byte[] layer = tar()
                .file(SITE_PACKAGES + "/legacy_tool-0.9-py3.11.egg-info/PKG-INFO", pkgInfo)
                .file(SITE_PACKAGES + "/legacy_tool-0.9-py3.11.egg-info/installed-files.txt", """
                        ../legacy_tool/__init__.py
                        ../../../../bin/legacy-tool
                        PKG-INFO
                        """)
                .file(SITE_PACKAGES + "/old_egg-1.2-py3.11.egg/EGG-INFO/PKG-INFO",
                        pkgInfo.replace("legacy_tool", "old-egg").replace("0.9", "1.2"))
                .gzip();

        List<PackageRecord> packages = catalog(layer);

        PackageRecord legacy = find(packages, "legacy_tool");
        assertThat(legacy.purl()).isEqualTo("pkg:pypi/legacy-tool@0.9");
        assertThat(legacy.files()).containsExactly("/" + SITE_PACKAGES + "/legacy_tool/__init__.py",
                "/usr/local/bin/legacy-tool", "/" + SITE_PACKAGES + "/legacy_tool-0.9-py3.11.egg-info/PKG-INFO");
        PackageRecord egg = find(packages, "old-egg");
        assertThat(egg.location()).isEqualTo("/" + SITE_PACKAGES + "/old_egg-1.2-py3.11.egg/EGG-INFO/PKG-INFO");
        assertThat(egg.metadata()).containsEntry("site-packages", "/" + SITE_PACKAGES);
    }

    @Test
    void ignoresMetadataWithoutNameOrVersion() {
        byte[] layer = tar()
                .file(SITE_PACKAGES + "/broken-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: broken\n")
                .file(SITE_PACKAGES + "/x.dist-info/METADATA", "Version: 1.0\n")
                .gzip();

        assertThat(catalog(layer)).isEmpty();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void hugeAndGarbageFilesCostABoundedHeadAndNeverFailTheAnalysis() {
        byte[] garbage = new byte[20 * 1024 * 1024];
        new java.util.Random(7).nextBytes(garbage);
        String endlessContinuation = "Name: endless\nVersion: 1.0\nLicense: x\n" + " y\n".repeat(2_000_000);
        byte[] newlines = new byte[20 * 1024 * 1024];
        Arrays.fill(newlines, (byte) '\n');
        byte[] layer = tar()
                .file(SITE_PACKAGES + "/garbage-1.0.dist-info/METADATA", garbage, 0644, 0, 0)
                .file(SITE_PACKAGES + "/endless-1.0.dist-info/METADATA", endlessContinuation)
                .file(SITE_PACKAGES + "/endless-1.0.dist-info/RECORD", newlines, 0644, 0, 0)
                .file(SITE_PACKAGES + "/endless-1.0.dist-info/top_level.txt", garbage, 0644, 0, 0)
                .plain();
        // The single-file limit is far below the files: heads are kept, nothing fails.
        AnalyzerLimits limits = AnalyzerLimits.defaults().withMaxFileBytes(8 * 1024 * 1024);

        ImageFileSystem fs = TestImage.stack(limits, cataloger.contentSelector(), new Warnings(10), layer);
        List<PackageRecord> packages = cataloger.catalog(fs, Distro.UNKNOWN);

        assertThat(packages).extracting(PackageRecord::name).containsExactly("endless");
        PackageRecord endless = packages.getFirst();
        assertThat(endless.files()).isEmpty();
        // A License spanning lines is a license text, not a name.
        assertThat(endless.licenses()).isEmpty();
        assertThat(endless.metadata().getOrDefault("top-level", "")).hasSizeLessThan(100 * 257);
    }

    private List<PackageRecord> catalog(byte[] layer) {
        ImageFileSystem fs = TestImage.stack(cataloger.contentSelector(), layer);
        return cataloger.catalog(fs, Distro.UNKNOWN);
    }

    private static PackageRecord find(List<PackageRecord> packages, String name) {
        return packages.stream().filter(pkg -> pkg.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no package " + name + " in " + packages));
    }
}
