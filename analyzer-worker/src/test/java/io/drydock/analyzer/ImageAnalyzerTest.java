package io.drydock.analyzer;

import io.drydock.testkit.MavenCentral;
import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.catalogers.binary.BinaryFixtures;
import io.drydock.analyzer.layer.FileType;
import io.drydock.analyzer.layer.LayerDescriptor;
import io.drydock.analyzer.layer.LayerSource;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ImageAnalyzerTest {

    private static final String OS_RELEASE = """
            PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
            NAME="Debian GNU/Linux"
            VERSION_ID="12"
            ID=debian
            """;

    private static final String BASE_STATUS = """
            Package: base-files
            Status: install ok installed
            Installed-Size: 340
            Maintainer: Santiago Vila <sanvila@debian.org>
            Architecture: amd64
            Version: 12.4+deb12u5

            Package: libc6
            Status: install ok installed
            Installed-Size: 12985
            Maintainer: GNU Libc Maintainers <debian-glibc@lists.debian.org>
            Architecture: amd64
            Multi-Arch: same
            Source: glibc
            Version: 2.36-9+deb12u4

            Package: libssl3
            Status: install ok installed
            Installed-Size: 6254
            Maintainer: Debian OpenSSL Team <pkg-openssl-devel@alioth-lists.debian.net>
            Architecture: amd64
            Multi-Arch: same
            Source: openssl
            Version: 3.0.11-1~deb12u1
            """;

    private static final String UPGRADED_STATUS = BASE_STATUS.replace("3.0.11-1~deb12u1", "3.0.11-1~deb12u2") + """

            Package: curl
            Status: install ok installed
            Installed-Size: 500
            Maintainer: Alessandro Ghedini <ghedo@debian.org>
            Architecture: amd64
            Version: 7.88.1-10+deb12u5
            """;

    private static final String CONFIG = """
            {"architecture":"amd64","os":"linux",
             "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["bash"],
                       "ExposedPorts":{"443/tcp":{}},"Labels":{"team":"platform"}},
             "history":[
              {"created":"2024-06-13T00:00:00Z","created_by":"/bin/sh -c #(nop) ADD file:2b6a0c1e5d in / "},
              {"created":"2024-06-13T00:00:01Z","created_by":"/bin/sh -c #(nop)  CMD [\\"bash\\"]","empty_layer":true},
              {"created":"2024-06-20T10:00:00Z","created_by":"/bin/sh -c apt-get update && apt-get install -y curl"},
              {"created":"2024-06-20T10:00:05Z","created_by":"/bin/sh -c rm -rf /tmp/build /etc/motd"}],
             "rootfs":{"type":"layers","diff_ids":["sha256:01","sha256:02","sha256:03"]}}
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final byte[] base = tar()
            .file("usr/lib/os-release", OS_RELEASE)
            .symlink("etc/os-release", "../usr/lib/os-release")
            .file("etc/motd", "welcome")
            .file("var/lib/dpkg/status", BASE_STATUS)
            .file("var/lib/dpkg/info/libc6:amd64.list", "/.\n/usr\n/usr/lib/x86_64-linux-gnu/libc.so.6\n")
            .file("usr/share/doc/libssl3/copyright", """
                    Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/

                    Files: *
                    License: Apache-2.0
                    """)
            .file("usr/lib/x86_64-linux-gnu/libc.so.6", "elf")
            .dir("var/cache/apt")
            .file("var/cache/apt/pkgcache.bin", "cache")
            .gzip();
    private final byte[] install = tar()
            .file("var/lib/dpkg/status", UPGRADED_STATUS)
            .file("usr/bin/curl", "elf".getBytes(StandardCharsets.UTF_8), 0755, 0, 0)
            .file("usr/bin/passwd", "elf".getBytes(StandardCharsets.UTF_8), 04755, 0, 0)
            .dir("var/cache/apt")
            .file("var/cache/apt/.wh..wh..opq", "")
            .file("tmp/build/scratch.o", "obj")
            .zstd();
    private final byte[] cleanup = tar()
            .file("tmp/.wh.build", "")
            .file("etc/.wh.motd", "")
            .plain();

    @Test
    void analysesALayeredDebianImage() throws IOException {
        VerifyingSource source = new VerifyingSource(base, install, cleanup);

        ImageAnalysisResult result = new ImageAnalyzer(AnalyzerLimits.defaults()).analyze(
                AnalysisRequest.of(source.layers(), bytes(CONFIG), source));

        assertThat(source.opens()).containsOnlyKeys(digests()).allSatisfy((digest, count) -> assertThat(count)
                .isEqualTo(1));
        assertThat(source.verified()).isEqualTo(3);
        assertThat(result.analyzerVersion()).isEqualTo(ImageAnalyzer.VERSION);
        assertThat(result.imageId()).isEqualTo(TestTar.sha256(bytes(CONFIG)));
        assertThat(result).extracting(ImageAnalysisResult::distro, ImageAnalysisResult::distroVersion,
                        ImageAnalysisResult::likeDistro, ImageAnalysisResult::flavor, ImageAnalysisResult::arch,
                        ImageAnalysisResult::os, ImageAnalysisResult::layerCount, ImageAnalysisResult::imageSize)
                .containsExactly("debian", "12", "debian", "DEB", "amd64", "linux", 3,
                        (long) (base.length + install.length + cleanup.length));
        assertThat(result.dockerfileMode()).isEqualTo(DockerfileMode.GUESSED);
        assertThat(result.dockerfile()).isEqualTo("""
                FROM scratch
                ADD file:2b6a0c1e5d in /
                CMD ["bash"]
                RUN apt-get update && apt-get install -y curl
                RUN rm -rf /tmp/build /etc/motd
                """);
        assertThat(result.layers()).extracting(LayerRecord::digest, LayerRecord::createdBy).containsExactly(
                tuple(digest(base), "/bin/sh -c #(nop) ADD file:2b6a0c1e5d in / "),
                tuple(digest(install), "/bin/sh -c apt-get update && apt-get install -y curl"),
                tuple(digest(cleanup), "/bin/sh -c rm -rf /tmp/build /etc/motd"));
        assertThat(result.dockerHistory()).extracting(entry -> entry.id()).containsExactly(
                digest(base), "<missing>", digest(install), digest(cleanup));
        assertThat(result.config().exposedPorts()).containsExactly("443/tcp");
        assertThat(result.config().labels()).containsEntry("team", "platform");
        assertThat(result.warnings()).isEmpty();

        assertThat(result.packages()).extracting(PackageRecord::name, PackageRecord::version,
                        PackageRecord::layerDigest)
                .containsExactly(
                        tuple("base-files", "12.4+deb12u5", digest(base)),
                        tuple("curl", "7.88.1-10+deb12u5", digest(install)),
                        tuple("libc6", "2.36-9+deb12u4", digest(base)),
                        tuple("libssl3", "3.0.11-1~deb12u2", digest(install)));
        PackageRecord libssl = result.packages().get(3);
        assertThat(libssl.licenses()).containsExactly("Apache-2.0");
        assertThat(libssl.purl()).isEqualTo(
                "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12&upstream=openssl");
        assertThat(result.packages().get(2).files()).containsExactly("/usr/lib/x86_64-linux-gnu/libc.so.6");

        Map<String, FileRecord> files = new HashMap<>();
        result.files().forEach(file -> files.put(file.path(), file));
        assertThat(files).doesNotContainKeys("/etc/motd", "/tmp/build", "/tmp/build/scratch.o",
                "/var/cache/apt/pkgcache.bin");
        assertThat(files.get("/var/cache/apt").layerDigest()).isEqualTo(digest(install));
        FileRecord passwd = files.get("/usr/bin/passwd");
        assertThat(passwd).extracting(FileRecord::type, FileRecord::mode, FileRecord::setuid, FileRecord::setgid,
                        FileRecord::sha256, FileRecord::layerDigest)
                .containsExactly(FileType.FILE, 04755, true, false, TestTar.sha256(bytes("elf")), digest(install));
        assertThat(files.get("/etc/os-release"))
                .extracting(FileRecord::type, FileRecord::linkTarget, FileRecord::sha256)
                .containsExactly(FileType.SYMLINK, "../usr/lib/os-release", null);
    }

    @Test
    void serialisesToJsonAndBack() throws IOException {
        VerifyingSource source = new VerifyingSource(base, install, cleanup);
        ImageAnalysisResult result = new ImageAnalyzer(AnalyzerLimits.defaults()).analyze(
                AnalysisRequest.of(source.layers(), bytes(CONFIG), source));

        String json = JSON.writeValueAsString(result);
        JsonNode tree = JSON.readTree(json);

        assertThat(tree.path("dockerfileMode").stringValue()).isEqualTo("Guessed");
        assertThat(tree.path("dockerHistory").path(1).path("Id").stringValue()).isEqualTo("<missing>");
        assertThat(tree.path("dockerHistory").path(0).path("CreatedBy").stringValue()).startsWith("/bin/sh -c #(nop)");
        assertThat(tree.path("files").values()).extracting(file -> file.path("type").stringValue())
                .contains("file", "dir", "slink");
        assertThat(JSON.readValue(json, ImageAnalysisResult.class)).isEqualTo(result);
    }

    @Test
    void usesTheSuppliedDockerfileAsActual() throws IOException {
        VerifyingSource source = new VerifyingSource(base);
        String dockerfile = "FROM debian:12\nRUN apt-get install -y curl\n";

        ImageAnalysisResult result = new ImageAnalyzer(AnalyzerLimits.defaults()).analyze(
                AnalysisRequest.of(source.layers(), bytes(CONFIG), source).withDockerfile(dockerfile));

        assertThat(result.dockerfileMode()).isEqualTo(DockerfileMode.ACTUAL);
        assertThat(result.dockerfile()).isEqualTo(dockerfile);
    }

    @Test
    void reportsUnknownDockerfileWithoutHistory() throws IOException {
        VerifyingSource source = new VerifyingSource(base);
        String config = """
                {"architecture":"amd64","os":"linux","rootfs":{"type":"layers","diff_ids":[]}}
                """;

        ImageAnalysisResult result = new ImageAnalyzer(AnalyzerLimits.defaults()).analyze(
                AnalysisRequest.of(source.layers(), bytes(config), source));

        assertThat(result.dockerfileMode()).isEqualTo(DockerfileMode.UNKNOWN);
        assertThat(result.dockerfile()).isNull();
        assertThat(result.dockerHistory()).isEmpty();
    }

    @Test
    void catalogsAnAlpineImage() throws IOException {
        byte[] alpine = tar()
                .file("etc/os-release", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.1\n")
                .file("lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\nL:MIT\no:musl\nI:643072\n\n")
                .file("bin/busybox", "BusyBox v1.36.1 (2024-06-10 07:11:47 UTC)".getBytes(StandardCharsets.UTF_8),
                        0755, 0, 0)
                .gzip();
        VerifyingSource source = new VerifyingSource(alpine);

        ImageAnalysisResult result = new ImageAnalyzer(AnalyzerLimits.defaults()).analyze(
                AnalysisRequest.of(source.layers(), bytes(CONFIG), source));

        assertThat(result.flavor()).isEqualTo("ALPINE");
        assertThat(result.packages()).extracting(PackageRecord::type, PackageRecord::purl)
                .containsExactly(tuple("APKG", "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.1"));
        assertThat(result.warnings()).singleElement().asString()
                .isEqualTo("the config lists 3 layers (rootfs.diff_ids) but the manifest 1");
    }

    /** esbuild's published Linux binary: built in module mode, so its modules are in its build information. */
    @Test
    void catalogsTheGoModulesOfABinaryInALayerUnlessAnOsPackageOwnsIt() throws Exception {
        Path esbuild = BinaryFixtures.npmFile("@esbuild/linux-x64/-/linux-x64-0.20.2.tgz",
                "sha512-1MdwI6OOTsfQfek8sLwgyjOXAu+wKhLEoaOLTjbijk6E2WONYpH9ZU2mNtR+lZ2B4uwr+usqGuVfFT9tMtGvGw==",
                "package/bin/esbuild");
        byte[] binary = Files.readAllBytes(esbuild);
        // The same binary at a path the libc6 package lists: what an OS package owns it reports itself.
        byte[] tool = tar()
                .file("usr/local/bin/esbuild", binary, 0755, 0, 0)
                .file("usr/lib/x86_64-linux-gnu/libc.so.6", binary, 0755, 0, 0)
                .gzip();
        VerifyingSource source = new VerifyingSource(base, tool);

        ImageAnalysisResult result = new ImageAnalyzer(AnalyzerLimits.defaults()).analyze(
                AnalysisRequest.of(source.layers(), bytes(CONFIG), source));

        assertThat(result.packages()).filteredOn(pkg -> !pkg.isOsPackage())
                .extracting(PackageRecord::type, PackageRecord::name, PackageRecord::layerDigest,
                        PackageRecord::location)
                .containsExactlyInAnyOrder(
                        tuple("go", "github.com/evanw/esbuild", digest(tool), "/usr/local/bin/esbuild"),
                        tuple("go", "golang.org/x/sys", digest(tool), "/usr/local/bin/esbuild"),
                        tuple("binary", "go", digest(tool), "/usr/local/bin/esbuild"));
        assertThat(result.warnings()).noneMatch(warning -> warning.contains("could not read"));
    }

    @Test
    void attributesJavaArchivesToTheLayerThatWroteThemAndDropsDeletedOnes() throws IOException {
        byte[] log4j = MavenCentral.bytes("org.apache.logging.log4j:log4j-core:2.14.1:jar");
        byte[] lang3 = MavenCentral.bytes("org.apache.commons:commons-lang3:3.12.0:jar");
        byte[] libraries = tar()
                .file("app/lib/log4j-core-2.14.1.jar", log4j, 0644, 0, 0)
                .file("app/lib/oro-2.0.8.jar", MavenCentral.bytes("oro:oro:2.0.8:jar"), 0644, 0, 0)
                .gzip();
        byte[] application = tar()
                .file("app/lib/commons-lang3-3.12.0.jar", lang3, 0644, 0, 0)
                .file("app/lib/broken.jar", "PK\u0003\u0004 and then nothing like a zip file")
                .gzip();
        byte[] patch = tar()
                .file("app/lib/.wh.log4j-core-2.14.1.jar", "")
                .plain();
        VerifyingSource source = new VerifyingSource(libraries, application, patch);

        ImageAnalysisResult result = new ImageAnalyzer(AnalyzerLimits.defaults()).analyze(
                AnalysisRequest.of(source.layers(), bytes(CONFIG), source));

        assertThat(result.packages()).extracting(PackageRecord::name, PackageRecord::version,
                        PackageRecord::location, PackageRecord::layerDigest)
                .containsExactlyInAnyOrder(
                        tuple("oro", "2.0.8", "/app/lib/oro-2.0.8.jar", digest(libraries)),
                        tuple("commons-lang3", "3.12.0", "/app/lib/commons-lang3-3.12.0.jar", digest(application)));
        assertThat(result.warnings()).containsExactly("layer " + digest(application) + ": JavaArchiveCataloger"
                + " could not read /app/lib/broken.jar: is not a zip file (no end of central directory record)");
    }

    @Test
    void failsBeforeDownloadingWhenTheManifestDeclaresTooManyBytes() {
        LayerDescriptor huge = new LayerDescriptor("sha256:" + "e".repeat(64), "application/vnd.oci.image.layer.v1.tar",
                11L << 30);
        LayerSource neverOpened = layer -> {
            throw new AssertionError("opened " + layer.digest());
        };

        assertThatThrownBy(() -> new ImageAnalyzer(AnalyzerLimits.defaults()).analyze(
                AnalysisRequest.of(List.of(huge), bytes(CONFIG), neverOpened)))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("image layers total 11811160064 compressed bytes, more than 10737418240 (limit)");
    }

    private List<String> digests() {
        return List.of(digest(base), digest(install), digest(cleanup));
    }

    private static String digest(byte[] blob) {
        return TestTar.describe(blob).digest();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A registry stand-in that, like the worker's fetcher, checks each blob's digest once it has been read. */
    private static final class VerifyingSource implements LayerSource {
        private final Map<String, byte[]> blobs = new HashMap<>();
        private final List<LayerDescriptor> layers;
        private final Map<String, Integer> opens = new HashMap<>();
        private int verified;

        VerifyingSource(byte[]... blobs) {
            this.layers = TestImage.describeAll(blobs);
            for (byte[] blob : blobs) {
                this.blobs.put(digest(blob), blob);
            }
        }

        List<LayerDescriptor> layers() {
            return layers;
        }

        Map<String, Integer> opens() {
            return opens;
        }

        int verified() {
            return verified;
        }

        @Override
        public InputStream open(LayerDescriptor layer) {
            opens.merge(layer.digest(), 1, Integer::sum);
            MessageDigest sha256 = Sha256.newDigest();
            DigestInputStream in = new DigestInputStream(new ByteArrayInputStream(blobs.get(layer.digest())), sha256);
            return new FilterInputStream(in) {
                @Override
                public void close() throws IOException {
                    super.close();
                    if (("sha256:" + Sha256.hex(sha256)).equals(layer.digest())) {
                        verified++;
                    }
                }
            };
        }
    }
}
