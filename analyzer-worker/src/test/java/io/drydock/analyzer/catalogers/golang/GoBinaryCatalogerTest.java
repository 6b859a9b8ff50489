package io.drydock.analyzer.catalogers.golang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.catalogers.ScannedFile;
import io.drydock.analyzer.catalogers.TestCatalogContext;
import io.drydock.analyzer.catalogers.binary.BinaryFixtures;
import io.drydock.analyzer.catalogers.binary.ElfFile;
import io.drydock.analyzer.catalogers.binary.TestElf;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoBinaryCatalogerTest {

    /*
     * esbuild publishes its Go binaries as npm packages, built in module mode from a git checkout with -trimpath. The
     * expected values are esbuild's own at those tags: v0.20.2 is commit 617eddaa (committed 2024-03-14 19:49:11 UTC),
     * its go.mod requires golang.org/x/sys v0.0.0-20220715151400-c0bba94af5f8 and its go.version pins Go 1.20.12;
     * v0.14.0 requires golang.org/x/sys v0.0.0-20210908233432-aa78b53d3365 and was built with Go 1.17.2, whose
     * linker still wrote the pointer-based build information.
     */
    private static final String X_SYS_2022 = "v0.0.0-20220715151400-c0bba94af5f8";
    private static final String X_SYS_2021 = "v0.0.0-20210908233432-aa78b53d3365";

    private final GoBinaryCataloger cataloger = new GoBinaryCataloger();
    @RegisterExtension
    final TestCatalogContext catalog = new TestCatalogContext();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "@esbuild/linux-x64/-/linux-x64-0.20.2.tgz, "
                    + "sha512-1MdwI6OOTsfQfek8sLwgyjOXAu+wKhLEoaOLTjbijk6E2WONYpH9ZU2mNtR+lZ2B4uwr+usqGuVfFT9tMtGvGw==, "
                    + "amd64",
            "@esbuild/linux-s390x/-/linux-s390x-0.20.2.tgz, "
                    + "sha512-wcWISOobRWNm3cezm5HOZcYz1sKoHLd8VL1dl309DiixxVFoFe/o8HnwuIwn6sXre88Nwj+VwZUvJf4AFxkyrQ==, "
                    + "s390x",
            "@esbuild/linux-ia32/-/linux-ia32-0.20.2.tgz, "
                    + "sha512-o10utieEkNPFDZFQm9CoP7Tvb33UutoJqg3qKf1PWVeeJhJw0Q347PxMvBgVVFgouYLGIhFYG0UGdBumROyiig==, "
                    + "386"})
    void readsGo118BuildInformationFrom64And32BitAndBigEndianBinaries(String tarball, String integrity, String arch)
            throws Exception {
        Path binary = BinaryFixtures.npmFile(tarball, integrity, "package/bin/esbuild");

        List<PackageRecord> packages = catalog("/usr/local/bin/esbuild", binary);

        assertThat(identities(packages)).containsExactly(
                        tuple("go", "github.com/evanw/esbuild", "v0.0.0-20240314194911-617eddaa32b7",
                                "pkg:golang/github.com/evanw/esbuild@v0.0.0-20240314194911-617eddaa32b7"),
                        tuple("go", "golang.org/x/sys", X_SYS_2022, "pkg:golang/golang.org/x/sys@" + X_SYS_2022),
                        tuple("binary", "go", "1.20.12", "pkg:golang/stdlib@1.20.12"));
        PackageRecord main = packages.getFirst();
        assertThat(main.location()).isEqualTo("/usr/local/bin/esbuild");
        assertThat(main.metadata())
                .containsEntry("mainPackage", "github.com/evanw/esbuild/cmd/esbuild")
                .containsEntry("goToolchain", "go1.20.12")
                .containsEntry("build:GOARCH", arch)
                .containsEntry("build:GOOS", "linux")
                .containsEntry("build:vcs.revision", "617eddaa32b7649ad23ddd15257816df3f0f544c");
        assertThat(packages.get(1).metadata())
                .containsEntry("h1Digest", "h1:0A+M6Uqn+Eje4kHMK80dtF3JCXC4ykBgQG4Fe06QRhQ=");
        assertThat(packages.get(2).cpes()).containsExactly("cpe:2.3:a:golang:go:1.20.12:-:*:*:*:*:*:*");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "esbuild-linux-64/-/esbuild-linux-64-0.14.0.tgz, "
                    + "sha512-7buo31kp1/yKWPm9vU44FEUwkeIROrIgnCDV9KLMLSbOjGEHBZXYJ2L0p4ZnB7Z+m5YiW7F/AfJu0/1E87nOeQ==",
            "esbuild-linux-32/-/esbuild-linux-32-0.14.0.tgz, "
                    + "sha512-dWHotI2qlXWZyza7n85UubBj0asjpM7FTtQYDaRQKxoCJpCnSzq3aD55IJthiggZHXj2tAML9Bc5xjVLsBJR0w=="})
    void readsThePointerBasedBuildInformationOfGo117(String tarball, String integrity) throws Exception {
        Path binary = BinaryFixtures.npmFile(tarball, integrity, "package/bin/esbuild");

        List<PackageRecord> packages = catalog("/bin/esbuild", binary);

        // No version-control stamp before Go 1.18: the main module stays (devel), as Go itself reports it.
        assertThat(identities(packages)).containsExactly(
                        tuple("go", "github.com/evanw/esbuild", "(devel)",
                                "pkg:golang/github.com/evanw/esbuild@%28devel%29"),
                        tuple("go", "golang.org/x/sys", X_SYS_2021, "pkg:golang/golang.org/x/sys@" + X_SYS_2021),
                        tuple("binary", "go", "1.17.2", "pkg:golang/stdlib@1.17.2"));
    }

    /**
     * Debian builds Go programs outside module mode: the build information names the main package and the toolchain
     * but no modules. The toolchain Debian built with is recorded in the package's Built-Using field.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "skopeo, /usr/bin/skopeo, github.com/containers/skopeo/cmd/skopeo",
            "umoci, /usr/bin/umoci, github.com/opencontainers/umoci/cmd/umoci",
            "docker-registry, /usr/bin/docker-registry, github.com/docker/distribution/cmd/registry"})
    void readsDebianBuiltGoBinaries(String debianPackage, String file, String mainPackage) throws Exception {
        assumeTrue(Files.isRegularFile(Path.of(file)), file + " is missing: install the Debian package "
                + debianPackage + " (./drydock test installs TEST_PACKAGES)");
        String builtUsing = BinaryFixtures.run(null, "dpkg-query", "-W", "-f=${Built-Using}", debianPackage);
        Matcher golang = Pattern.compile("golang-\\d+\\.\\d+ \\(= (\\d+\\.\\d+(?:\\.\\d+)?)-").matcher(builtUsing);
        assertThat(golang.find()).as("Built-Using of %s names the Go toolchain: %s", debianPackage, builtUsing)
                .isTrue();

        List<PackageRecord> packages = catalog(file, Path.of(file));

        assertThat(packages).singleElement().satisfies(go -> {
            assertThat(go.type()).isEqualTo("binary");
            assertThat(go.name()).isEqualTo("go");
            assertThat(go.version()).isEqualTo(golang.group(1));
            assertThat(go.purl()).isEqualTo("pkg:golang/stdlib@" + golang.group(1));
            assertThat(go.metadata()).containsEntry("mainPackage", mainPackage);
        });
    }

    @Test
    void findsNothingInAnElfFileThatIsNotGo() throws Exception {
        Path openssl = Path.of("/usr/bin/openssl");
        assumeTrue(Files.isRegularFile(openssl), "/usr/bin/openssl is missing: install the Debian package openssl");

        assertThat(catalog("/usr/bin/openssl", openssl)).isEmpty();
    }

    @Test
    void readsPointerBasedBuildInformationOf32BitBigEndianBinaries() throws Exception {
        byte[] elf = GoBuildInfoFixture.pointerElf(false, ByteOrder.BIG_ENDIAN, "go1.16.15",
                GoBuildInfoFixture.framed("""
                path\texample.com/tool/cmd/tool
                mod\texample.com/tool\tv1.4.0\th1:AAAA
                dep\tgithub.com/pkg/errors\tv0.9.1\th1:BBBB
                """));

        assertThat(cataloger.catalog(ScannedFile.inMemory("/bin/tool", elf), catalog.context()))
                .extracting(PackageRecord::name, PackageRecord::version, PackageRecord::purl)
                .containsExactly(
                        tuple("example.com/tool", "v1.4.0", "pkg:golang/example.com/tool@v1.4.0"),
                        tuple("github.com/pkg/errors", "v0.9.1", "pkg:golang/github.com/pkg/errors@v0.9.1"),
                        tuple("go", "1.16.15", "pkg:golang/stdlib@1.16.15"));
    }

    /** Without section headers Go's reader looks for the aligned magic in the first writable data segment. */
    @Test
    void findsBuildInformationInTheDataSegmentWhenSectionHeadersAreStripped() throws Exception {
        byte[] info = GoBuildInfoFixture.inline(4, ByteOrder.BIG_ENDIAN, "go1.22.5 X:boringcrypto",
                GoBuildInfoFixture.framed("""
                        path\texample.com/svc
                        mod\texample.com/svc\t(devel)\t
                        dep\tgolang.org/x/net\tv0.20.0\th1:CCCC
                        =>\tgithub.com/fork/net\tv0.20.1\th1:DDDD
                        dep\tgolang.org/x/text\tv0.14.0\th1:EEEE
                        =>\t../text
                        build\t-ldflags="-s -w -X example.com/svc/internal/version.Version=2.3.4"
                        build\tvcs.revision=0123456789abcdef0123456789abcdef01234567
                        build\tvcs.time=2024-01-02T03:04:05Z
                        """));
        byte[] unrelated = new byte[40]; // not aligned to 16: the magic must be found after it
        Arrays.fill(unrelated, (byte) 0xff);
        byte[] elf = TestElf.of(false, ByteOrder.BIG_ENDIAN)
                .section(".data", concat(unrelated, new byte[8], info))
                .withoutSectionHeaders()
                .build();

        List<PackageRecord> packages = cataloger.catalog(ScannedFile.inMemory("/svc", elf), catalog.context());

        // The version set with -ldflags -X wins over the version-control pseudo-version; a replaced module is
        // reported as what was compiled in.
        assertThat(packages).extracting(PackageRecord::name, PackageRecord::version)
                .containsExactly(tuple("example.com/svc", "v2.3.4"), tuple("github.com/fork/net", "v0.20.1"),
                        tuple("golang.org/x/text", "(devel)"), tuple("go", "1.22.5"));
        assertThat(packages.get(1).metadata()).containsEntry("replaces", "golang.org/x/net@v0.20.0")
                .containsEntry("h1Digest", "h1:DDDD");
        assertThat(packages.get(2).metadata()).containsEntry("replacedBy", "../text");
        assertThat(packages.get(3).metadata()).containsEntry("goToolchain", "go1.22.5 X:boringcrypto");
    }

    @Test
    void truncatedElfHeaderIsAnError() throws Exception {
        byte[] elf = Arrays.copyOf(validElf(), 40);

        assertThatThrownBy(() -> cataloger.catalog(ScannedFile.inMemory("/x", elf), catalog.context()))
                .isInstanceOf(IOException.class).hasMessageContaining("runs past the end");
    }

    @Test
    void sectionTableOutsideTheFileIsAnError() throws Exception {
        byte[] elf = validElf();
        ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).putLong(40, 1L << 40); // e_shoff

        assertThatThrownBy(() -> cataloger.catalog(ScannedFile.inMemory("/x", elf), catalog.context()))
                .isInstanceOf(IOException.class).hasMessageContaining("lies outside the file");
    }

    @Test
    void hugeExtendedSectionCountIsAnError() throws Exception {
        byte[] elf = validElf();
        ByteBuffer header = ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN);
        header.putShort(60, (short) 0); // e_shnum 0: the count is section 0's size
        long shoff = header.getLong(40);
        header.putLong((int) shoff + 32, 1L << 40);

        assertThatThrownBy(() -> cataloger.catalog(ScannedFile.inMemory("/x", elf), catalog.context()))
                .isInstanceOf(IOException.class).hasMessageContaining("sections, outside");
    }

    @Test
    void hugeProgramHeaderCountIsAnError() throws Exception {
        byte[] elf = validElf();
        ByteBuffer.wrap(elf).order(ByteOrder.LITTLE_ENDIAN).putShort(56, (short) 0xffff); // e_phnum

        assertThatThrownBy(() -> cataloger.catalog(ScannedFile.inMemory("/x", elf), catalog.context()))
                .isInstanceOf(IOException.class).hasMessageContaining("program headers");
    }

    @Test
    void modInfoLengthBeyondTheLimitIsAnError() throws Exception {
        byte[] header = GoBuildInfoFixture.header(8, 2);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header);
        GoBuildInfoFixture.uvarint(out, 8);
        out.writeBytes("go1.21.0".getBytes());
        GoBuildInfoFixture.uvarint(out, 1L << 33);
        byte[] elf = TestElf.of(true, ByteOrder.LITTLE_ENDIAN).section(".go.buildinfo", out.toByteArray()).build();

        assertThatThrownBy(() -> cataloger.catalog(ScannedFile.inMemory("/x", elf), catalog.context()))
                .isInstanceOf(IOException.class).hasMessageContaining("more than");
    }

    @Test
    void pointerOutsideTheFileIsAnError() throws Exception {
        byte[] header = GoBuildInfoFixture.header(8, 0);
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putLong(16, 0x7fff_0000_0000L).putLong(24, 8);
        byte[] elf = TestElf.of(true, ByteOrder.LITTLE_ENDIAN).section(".go.buildinfo", header).build();

        assertThatThrownBy(() -> cataloger.catalog(ScannedFile.inMemory("/x", elf), catalog.context()))
                .isInstanceOf(IOException.class).hasMessageContaining("is not in the file");
    }

    /** Random corruption of a valid file: every outcome is packages or an IOException, quickly. */
    @Test
    void corruptedFilesFailCleanly() {
        byte[] valid = validElf();
        Random random = new Random(20_20);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int round = 0; round < 3000; round++) {
                byte[] broken = valid.clone();
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    broken[random.nextInt(broken.length)] = (byte) random.nextInt(256);
                }
                try {
                    cataloger.catalog(ScannedFile.inMemory("/x", broken), catalog.context());
                } catch (IOException expected) {
                    // a clean rejection
                }
            }
        });
    }

    /** The same on a real binary, where the corruption lands in the ELF header, section table or build information. */
    @Test
    void corruptedRealBinariesFailCleanly() throws Exception {
        byte[] binary = Files.readAllBytes(BinaryFixtures.npmFile("@esbuild/linux-s390x/-/linux-s390x-0.20.2.tgz",
                "sha512-wcWISOobRWNm3cezm5HOZcYz1sKoHLd8VL1dl309DiixxVFoFe/o8HnwuIwn6sXre88Nwj+VwZUvJf4AFxkyrQ==",
                "package/bin/esbuild"));
        ByteBuffer header = ByteBuffer.wrap(binary).order(ByteOrder.BIG_ENDIAN);
        int sectionTable = (int) header.getLong(40);
        int sectionTableSize = header.getShort(58) * header.getShort(60);
        int buildInfo;
        try (var channel = ScannedFile.inMemory("/x", binary).channel()) {
            buildInfo = (int) ElfFile.read(channel).section(".go.buildinfo").orElseThrow().offset();
        }
        int[][] regions = {{0, 64}, {64, 56 * 8}, {sectionTable, sectionTableSize}, {buildInfo, 512}};
        Random random = new Random(390);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int round = 0; round < 1000; round++) {
                int[] region = regions[random.nextInt(regions.length)];
                int at = region[0] + random.nextInt(region[1]);
                byte original = binary[at];
                binary[at] = (byte) random.nextInt(256);
                try {
                    cataloger.catalog(ScannedFile.inMemory("/x", binary), catalog.context());
                } catch (IOException expected) {
                    // a clean rejection
                } finally {
                    binary[at] = original;
                }
            }
        });
    }

    private static byte[] validElf() {
        byte[] info = GoBuildInfoFixture.inline(8, ByteOrder.LITTLE_ENDIAN, "go1.21.0", GoBuildInfoFixture.framed(
                "path\tx.io/a\nmod\tx.io/a\tv1.0.0\t\ndep\tx.io/b\tv1.1.0\th1:x\nbuild\tGOOS=linux\n"));
        return TestElf.of(true, ByteOrder.LITTLE_ENDIAN).section(".go.buildinfo", info).build();
    }

    private static List<Tuple> identities(List<PackageRecord> packages) {
        return packages.stream().map(p -> tuple(p.type(), p.name(), p.version(), p.purl())).toList();
    }

    private List<PackageRecord> catalog(String path, Path file) throws IOException {
        return cataloger.catalog(ScannedFile.onDisk(path, file, Files.size(file)), catalog.context());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
