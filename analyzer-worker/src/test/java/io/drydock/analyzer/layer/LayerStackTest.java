package io.drydock.analyzer.layer;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.AnalysisFailure;
import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.TestImage;
import io.drydock.analyzer.TestTar;
import io.drydock.analyzer.Warnings;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerStackTest {

    private static final ContentSelector NOTHING = path -> Optional.empty();
    private static final ContentSelector ETC_WHOLE = path -> path.startsWith("etc/")
            ? Optional.of(ContentRequest.wholeFile().withLayerVersions())
            : Optional.empty();

    private static String text(ImageFileSystem fs, String path) {
        return new String(fs.content(path).orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void appliesWhiteoutToLowerLayersIncludingEverythingBelow() {
        byte[] base = tar().dir("opt").dir("opt/app").file("opt/app/run.sh", "echo").file("opt/keep", "k")
                .file("etc/motd", "hi").gzip();
        byte[] top = tar().file("opt/.wh.app", "").file("etc/.wh.motd", "").gzip();

        ImageFileSystem fs = TestImage.stack(NOTHING, base, top);

        assertThat(fs.entries()).extracting(FsEntry::path).containsExactly("opt", "opt/keep");
    }

    @Test
    void appliesOpaqueWhiteoutToLowerLayers() {
        byte[] base = tar().dir("var/cache").file("var/cache/old", "1").dir("var/cache/sub")
                .file("var/cache/sub/deep", "2").file("var/other", "3").gzip();
        byte[] top = tar().dir("var/cache").file("var/cache/.wh..wh..opq", "").file("var/cache/new", "4").gzip();

        ImageFileSystem fs = TestImage.stack(NOTHING, base, top);

        assertThat(fs.entries()).extracting(FsEntry::path)
                .containsExactly("var/cache", "var/cache/new", "var/other");
    }

    @Test
    void whiteoutHidesOnlyLowerLayersNotItsOwn() {
        byte[] base = tar().file("a/file", "old").gzip();
        // The OCI spec lets a layer carry both; its own entry survives whatever the tar order.
        byte[] top = tar().file("a/file", "new").file("a/.wh.file", "").gzip();

        ImageFileSystem fs = TestImage.stack(NOTHING, base, top);

        assertThat(fs.entry("a/file")).get().extracting(FsEntry::layerIndex).isEqualTo(1);
    }

    @Test
    void fileReplacingLowerDirectoryHidesItsChildren() {
        byte[] base = tar().dir("srv").file("srv/data", "x").gzip();
        byte[] top = tar().symlink("srv", "/var/srv").gzip();

        ImageFileSystem fs = TestImage.stack(NOTHING, base, top);

        assertThat(fs.entries()).extracting(FsEntry::path).containsExactly("srv");
        assertThat(fs.entry("srv")).get().extracting(FsEntry::type).isEqualTo(FileType.SYMLINK);
    }

    @Test
    void detectsCompressionFromMagicBytesNotMediaType() {
        byte[] gzip = tar().file("one", "1").gzip();
        byte[] zstd = tar().file("two", "2").zstd();
        byte[] plain = tar().file("three", "3").plain();

        ImageFileSystem fs = TestImage.stack(NOTHING, gzip, zstd, plain);

        assertThat(fs.entries()).extracting(FsEntry::path, FsEntry::layerIndex)
                .containsExactly(tuple("one", 0),
                        tuple("three", 2),
                        tuple("two", 1));
    }

    @Test
    void recordsTypeModeOwnerSizeDigestAndWritingLayer() {
        byte[] content = "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8);
        byte[] base = tar().dir("usr/bin").file("usr/bin/su", content, 04755, 0, 0).plain();
        byte[] top = tar().file("usr/bin/wall", content, 02755, 0, 5).hardlink("usr/bin/su2", "usr/bin/su")
                .symlink("usr/bin/sh", "dash").fifo("run/initctl").charDevice("dev/null").gzip();

        ImageFileSystem fs = TestImage.stack(NOTHING, base, top);

        FsEntry su = fs.entry("usr/bin/su").orElseThrow();
        assertThat(su.type()).isEqualTo(FileType.FILE);
        assertThat(su.mode()).isEqualTo(04755);
        assertThat(su.setuid()).isTrue();
        assertThat(su.size()).isEqualTo(content.length);
        assertThat(su.sha256()).isEqualTo(TestTar.sha256(content));
        assertThat(su.layerDigest()).isEqualTo(TestTar.describe(base).digest());
        FsEntry wall = fs.entry("usr/bin/wall").orElseThrow();
        assertThat(wall.setgid()).isTrue();
        assertThat(wall.setuid()).isFalse();
        assertThat(wall.gid()).isEqualTo(5);
        FsEntry link = fs.entry("usr/bin/su2").orElseThrow();
        assertThat(link.type()).isEqualTo(FileType.HARDLINK);
        assertThat(link.linkTarget()).isEqualTo("usr/bin/su");
        assertThat(link.sha256()).isEqualTo(su.sha256());
        assertThat(link.layerIndex()).isEqualTo(1);
        assertThat(fs.entry("usr/bin/sh").orElseThrow().linkTarget()).isEqualTo("dash");
        assertThat(fs.entry("run/initctl").orElseThrow().type()).isEqualTo(FileType.FIFO);
        assertThat(fs.entry("dev/null").orElseThrow().type()).isEqualTo(FileType.CHAR_DEVICE);
        assertThat(fs.entry("usr/bin").orElseThrow().sha256()).isNull();
    }

    @Test
    void normalisesLeadingDotSlashAndAbsoluteNames() {
        byte[] layer = tar().file("./etc/hostname", "h").file("/etc/absolute", "a").file("usr/./lib/x", "x")
                .gzip();

        ImageFileSystem fs = TestImage.stack(NOTHING, layer);

        assertThat(fs.entries()).extracting(FsEntry::path)
                .containsExactly("etc/absolute", "etc/hostname", "usr/lib/x");
    }

    @Test
    void resolvesSymlinksInsideTheImageOnly() {
        byte[] layer = tar().file("usr/lib/os-release", "ID=debian\n").symlink("etc/os-release",
                        "../usr/lib/os-release").symlink("etc/abs", "/usr/lib/os-release")
                .symlink("etc/escape", "../../../../../usr/lib/os-release").symlink("lib", "usr/lib")
                .symlink("loop/a", "b").symlink("loop/b", "a").gzip();

        ImageFileSystem fs = TestImage.stack(ETC_WHOLE.or(path -> path.startsWith("usr/")
                ? Optional.of(ContentRequest.wholeFile()) : Optional.empty()), layer);

        assertThat(fs.resolvePath("etc/os-release")).contains("usr/lib/os-release");
        assertThat(fs.resolvePath("etc/abs")).contains("usr/lib/os-release");
        assertThat(fs.resolvePath("etc/escape")).contains("usr/lib/os-release");
        assertThat(fs.resolvePath("lib/os-release")).contains("usr/lib/os-release");
        assertThat(fs.resolvePath("loop/a")).isEmpty();
        assertThat(text(fs, "etc/os-release")).isEqualTo("ID=debian\n");
    }

    @Test
    void keepsEveryLayerVersionOfSelectedFilesAndOnlyTheFinalOfOthers() {
        byte[] one = tar().file("etc/db", "v1").file("etc/other", "x").gzip();
        byte[] two = tar().file("etc/db", "v2").gzip();
        byte[] three = tar().file("etc/.wh.db", "").gzip();

        ImageFileSystem fs = TestImage.stack(ETC_WHOLE, one, two, three);

        assertThat(fs.layerVersions(path -> path.equals("etc/db")))
                .extracting(LayerFile::layerIndex, version -> new String(version.content(), StandardCharsets.UTF_8))
                .containsExactly(tuple(0, "v1"),
                        tuple(1, "v2"));
        assertThat(fs.content("etc/db")).isEmpty();
        assertThat(text(fs, "etc/other")).isEqualTo("x");
    }

    @Test
    void keepsOnlyTheHeadOfFilesAskedForByHead() {
        byte[] layer = tar().file("bin/busybox", "0123456789").gzip();

        ImageFileSystem fs = TestImage.stack(path -> Optional.of(ContentRequest.head(4)), layer);

        assertThat(text(fs, "bin/busybox")).isEqualTo("0123");
        assertThat(fs.contentTruncated("bin/busybox")).isTrue();
        assertThat(fs.entry("bin/busybox").orElseThrow().sha256()).isEqualTo(
                TestTar.sha256("0123456789".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void skipsEntriesEscapingTheRootWithAWarningAndWritesNothing(@TempDir Path dir) throws IOException {
        Path victim = dir.resolve("pwned");
        String climb = "../".repeat(dir.getNameCount() + 2);
        byte[] layer = tar().file("../../etc/passwd", "root::0:0::/:/bin/sh").file(climb + victim, "x")
                .file("/../../etc/shadow", "s").hardlink("etc/hl", "../../../etc/passwd").file("etc/ok", "ok")
                .gzip();
        Warnings warnings = new Warnings(10);

        ImageFileSystem fs = TestImage.stack(AnalyzerLimits.defaults(), NOTHING, warnings, layer);

        assertThat(fs.entries()).extracting(FsEntry::path).containsExactly("etc/ok");
        assertThat(warnings.toList()).hasSize(4)
                .allSatisfy(warning -> assertThat(warning).contains("leaves the image root"));
        assertThat(victim).doesNotExist();
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void failsWhenTheImageHasTooManyEntries() {
        byte[] one = tar().file("a", "1").file("b", "2").gzip();
        byte[] two = tar().file("c", "3").gzip();
        AnalyzerLimits limits = AnalyzerLimits.defaults().withMaxEntries(2);

        assertThatThrownBy(() -> TestImage.stack(limits, NOTHING, new Warnings(10), one, two))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("layer " + TestTar.describe(two).digest() + " takes the image over 2 entries (limit)");
    }

    @Test
    void failsWhenASelectedFileIsTooLargeToReadIntoMemory() {
        byte[] layer = tar().file("etc/big", "x".repeat(100)).gzip();
        AnalyzerLimits limits = AnalyzerLimits.defaults().withMaxFileBytes(99);

        assertThatThrownBy(() -> TestImage.stack(limits, ETC_WHOLE, new Warnings(10), layer))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageContaining("file /etc/big in layer sha256:")
                .hasMessageContaining("100 bytes, more than the 99 bytes");
    }

    @Test
    void largeFilesNobodyAskedForAreStreamedNotKept() {
        byte[] layer = tar().file("opt/blob", "x".repeat(1000)).gzip();
        AnalyzerLimits limits = AnalyzerLimits.defaults().withMaxFileBytes(10).withMaxCollectedBytes(10);

        ImageFileSystem fs = TestImage.stack(limits, ETC_WHOLE, new Warnings(10), layer);

        assertThat(fs.entry("opt/blob").orElseThrow().size()).isEqualTo(1000);
    }

    @Test
    void failsWhenUncompressedBytesExceedTheLimit() {
        // Highly compressible: a small blob that inflates far beyond the limit, as a decompression bomb would.
        byte[] bomb = tar().file("zeros", new byte[1 << 20], 0644, 0, 0).gzip();
        AnalyzerLimits limits = AnalyzerLimits.defaults().withMaxUncompressedBytes(64 * 1024);

        assertThat(bomb.length).isLessThan(64 * 1024);
        assertThatThrownBy(() -> TestImage.stack(limits, NOTHING, new Warnings(10), bomb))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageStartingWith("image exceeds 65536 uncompressed bytes (limit) while reading layer sha256:");
    }

    @Test
    void failsOnPathsDeeperThanTheLimit() {
        byte[] layer = tar().file("a/b/c/d/e", "x").gzip();
        AnalyzerLimits limits = AnalyzerLimits.defaults().withMaxPathDepth(4);

        assertThatThrownBy(() -> TestImage.stack(limits, NOTHING, new Warnings(10), layer))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageContaining("has a path deeper than 4 components (limit): /a/b/c/d/e");
    }

    @Test
    void failsClearlyOnTruncatedGzip() {
        byte[] whole = tar().file("etc/data", "y".repeat(200_000)).file("etc/more", "z").gzip();
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        LayerStack stack = new LayerStack(AnalyzerLimits.defaults(), NOTHING, new Warnings(10));
        LayerDescriptor descriptor = TestTar.describe(whole);

        assertThatThrownBy(() -> stack.add(descriptor, new ByteArrayInputStream(truncated)))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageStartingWith("layer " + descriptor.digest() + " (gzip) is truncated or corrupt: ");
    }

    @Test
    void failsClearlyOnTruncatedPlainTar() {
        byte[] whole = tar().file("etc/data", "y".repeat(5000)).plain();
        byte[] truncated = Arrays.copyOf(whole, 2048);
        LayerStack stack = new LayerStack(AnalyzerLimits.defaults(), NOTHING, new Warnings(10));
        LayerDescriptor descriptor = TestTar.describe(whole);

        assertThatThrownBy(() -> stack.add(descriptor, new ByteArrayInputStream(truncated)))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageStartingWith("layer " + descriptor.digest() + " (none) is truncated or corrupt: ");
    }

    @Test
    void passesTheSourcesOwnFailureThroughForTheCallerToRetry() {
        byte[] blob = tar().file("etc/data", "y".repeat(200_000)).gzip();
        IOException networkFailure = new IOException("connection reset");
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(blob, 0, 100)) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    throw networkFailure;
                }
                return n;
            }
        };
        LayerStack stack = new LayerStack(AnalyzerLimits.defaults(), NOTHING, new Warnings(10));

        assertThatThrownBy(() -> stack.add(TestTar.describe(blob), failing)).isSameAs(networkFailure);
    }

    @Test
    void readsAnEmptyBlobAsAnEmptyLayer() throws IOException {
        LayerStack stack = new LayerStack(AnalyzerLimits.defaults(), NOTHING, new Warnings(10));

        LayerSummary summary = stack.add(TestTar.describe(new byte[0]), new ByteArrayInputStream(new byte[0]));

        assertThat(summary.entries()).isZero();
        assertThat(stack.fileSystem().entries()).isEmpty();
    }
}
