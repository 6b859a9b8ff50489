package io.drydock.analyzer.catalogers.rpm;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.AnalysisFailure;
import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.TestImage;
import io.drydock.analyzer.TestTar;
import io.drydock.analyzer.distro.Distro;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cataloger on sqlite databases that Debian's rpm wrote for packages rpmbuild built ({@link RealRpmDatabase}). */
class RpmCatalogerTest {

    private static final Distro ALMA = Distro.of("almalinux", "9.3", "rhel,centos,fedora");

    @TempDir
    Path temp;

    private Path installed(String... prefixes) throws IOException, InterruptedException {
        Path root = temp.resolve("root");
        RealRpmDatabase.installInto(root, RealRpmDatabase.packages().rpmFiles(prefixes));
        return root;
    }

    private static List<RpmPackage> read(byte[] sqlite) {
        List<RpmPackage> packages = new ArrayList<>();
        RpmCataloger.read("var/lib/rpm/rpmdb.sqlite", sqlite, true, packages::add);
        return packages;
    }

    private static List<PackageRecord> catalog(byte[]... layers) {
        RpmCataloger cataloger = new RpmCataloger();
        return cataloger.catalog(TestImage.stack(cataloger.contentSelector(), layers), ALMA);
    }

    @Test
    void readsEveryPackageAsRpmItselfDoes() throws Exception {
        Path root = installed("drydock-");

        List<String> ours = read(RealRpmDatabase.sqliteOf(root)).stream()
                .map(RealRpmDatabase::queryLine)
                .sorted()
                .toList();

        List<String> rpms = RealRpmDatabase.query(root, RealRpmDatabase.QUERY_FORMAT);
        assertThat(ours).hasSize(9).containsExactlyElementsOf(rpms);
        assertThat(ours).anySatisfy(line -> assertThat(line).startsWith("drydock-hello-libs\t2\t1.2.3\t4.dd1\t"));
    }

    @Test
    void listsEachPackagesFilesWithoutDirectoriesAsRpmDoes() throws Exception {
        Path root = installed("drydock-");

        List<String> ours = RealRpmDatabase.fileLines(read(RealRpmDatabase.sqliteOf(root)));

        List<String> rpms = RealRpmDatabase.filesWithoutDirectories(String.join("\n",
                RealRpmDatabase.query(root, RealRpmDatabase.FILES_FORMAT)));
        assertThat(ours).hasSize(3 + 400 + 6 * 60).containsExactlyElementsOf(rpms)
                .doesNotContain("drydock-hello\t/usr/share/drydock-hello");
    }

    @Test
    void theRealDatabaseSpillsHeadersOntoOverflowPagesUnderAnInteriorPage() throws Exception {
        byte[] sqlite = RealRpmDatabase.sqliteOf(installed("drydock-"));
        int pageSize = ((sqlite[16] & 0xff) << 8) | (sqlite[17] & 0xff);
        List<byte[]> blobs = new ArrayList<>();

        SqliteDatabase.forEachPackageBlob(sqlite, blobs::add);

        int root = SqliteDatabase.packagesRootPage(sqlite);
        assertThat(sqlite[(root - 1) * pageSize]).as("type of the Packages root page").isEqualTo((byte) 0x05);
        assertThat(blobs).anySatisfy(blob -> assertThat(blob.length).isGreaterThan(pageSize));
    }

    @Test
    void mapsPackagesToRecordsWithEpochSourceAndPurl() throws Exception {
        byte[] sqlite = RealRpmDatabase.sqliteOf(installed("drydock-hello"));

        List<PackageRecord> packages = catalog(tar().file("var/lib/rpm/rpmdb.sqlite", sqlite, 0644, 0, 0).gzip());

        assertThat(packages).extracting(PackageRecord::type, PackageRecord::name, PackageRecord::version,
                        PackageRecord::arch, PackageRecord::sourceName, PackageRecord::sourceVersion,
                        PackageRecord::origin, PackageRecord::location)
                .containsExactly(
                        tuple("rpm", "drydock-hello", "2:1.2.3-4.dd1", "x86_64", "drydock-hello", "2:1.2.3-4.dd1",
                                "Drydock Tests", "/var/lib/rpm/rpmdb.sqlite"),
                        tuple("rpm", "drydock-hello-libs", "2:1.2.3-4.dd1", "x86_64", "drydock-hello",
                                "2:1.2.3-4.dd1", "Drydock Tests", "/var/lib/rpm/rpmdb.sqlite"));
        PackageRecord hello = packages.getFirst();
        assertThat(hello.purl()).isEqualTo(
                "pkg:rpm/almalinux/drydock-hello@1.2.3-4.dd1?arch=x86_64&distro=almalinux-9.3&epoch=2");
        assertThat(hello.licenses()).containsExactly("MIT AND Apache-2.0");
        assertThat(hello.files()).containsExactly("/usr/bin/drydock-hello", "/usr/share/drydock-hello/greeting.txt");
        assertThat(hello.size()).isPositive();
        assertThat(packages.get(1).licenses()).containsExactly("LGPL-2.1-or-later");
    }

    @Test
    void leavesOutImportedSigningKeys() throws Exception {
        Path root = installed("drydock-hello-libs");
        RealRpmDatabase.importKeys(root);
        assertThat(RealRpmDatabase.query(root, "%{NAME}\\n")).contains("gpg-pubkey", "drydock-hello-libs");

        assertThat(read(RealRpmDatabase.sqliteOf(root))).extracting(RpmPackage::name)
                .containsExactly("drydock-hello-libs");
    }

    @Test
    void attributesPackagesToTheLayerThatInstalledThem() throws Exception {
        Path root = installed("drydock-hello");
        byte[] base = tar().file("var/lib/rpm/rpmdb.sqlite", RealRpmDatabase.sqliteOf(root), 0644, 0, 0).gzip();
        RealRpmDatabase.installInto(root, RealRpmDatabase.packages().rpmFiles("drydock-data1"));
        byte[] install = tar().file("var/lib/rpm/rpmdb.sqlite", RealRpmDatabase.sqliteOf(root), 0644, 0, 0).gzip();

        assertThat(catalog(base, install)).extracting(PackageRecord::name, PackageRecord::layerDigest)
                .containsExactly(
                        tuple("drydock-data1", TestTar.describe(install).digest()),
                        tuple("drydock-hello", TestTar.describe(base).digest()),
                        tuple("drydock-hello-libs", TestTar.describe(base).digest()));
    }

    @Test
    void readsTheDatabaseOnceThroughTheSysimageSymlink() throws Exception {
        byte[] sqlite = RealRpmDatabase.sqliteOf(installed("drydock-hello-libs"));
        byte[] layer = tar()
                .file("usr/lib/sysimage/rpm/rpmdb.sqlite", sqlite, 0644, 0, 0)
                .symlink("var/lib/rpm", "../../usr/lib/sysimage/rpm")
                .gzip();

        assertThat(catalog(layer)).extracting(PackageRecord::name, PackageRecord::location)
                .containsExactly(tuple("drydock-hello-libs", "/usr/lib/sysimage/rpm/rpmdb.sqlite"));
    }

    @Test
    void failsTheAnalysisOnACorruptDatabase() throws Exception {
        byte[] sqlite = RealRpmDatabase.sqliteOf(installed("drydock-hello"));
        byte[] truncated = Arrays.copyOf(sqlite, sqlite.length / 3);

        assertThatThrownBy(() -> catalog(tar().file("var/lib/rpm/rpmdb.sqlite", truncated, 0644, 0, 0).gzip()))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageStartingWith("rpm database /var/lib/rpm/rpmdb.sqlite is unreadable: ");
    }

    @Test
    void splitsTheSourceRpmFileName() {
        RpmPackage pkg = new RpmPackage("openssl-libs", 1L, "3.0.7", "27.el9", "x86_64",
                "openssl-3.0.7-27.el9.src.rpm", null, null, null, List.of());
        RpmPackage noSource = new RpmPackage("gpg-pubkey", null, "8783d481", "63ceb953", null, null, null, null, null,
                List.of());

        assertThat(pkg.sourceName()).isEqualTo("openssl");
        assertThat(pkg.sourceVersion()).isEqualTo("1:3.0.7-27.el9");
        assertThat(RpmCataloger.purl(Distro.UNKNOWN, pkg))
                .isEqualTo("pkg:rpm/openssl-libs@3.0.7-27.el9?arch=x86_64&epoch=1");
        assertThat(noSource.sourceName()).isEqualTo("gpg-pubkey");
        assertThat(noSource.sourceVersion()).isEqualTo("8783d481-63ceb953");
    }
}
