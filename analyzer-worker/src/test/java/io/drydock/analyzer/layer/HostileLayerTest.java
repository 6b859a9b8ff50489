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
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Layers built to hurt a tar reader. Each case either fails the layer with a clear {@link AnalysisFailure}, or (where
 * the image stays meaningful without it) skips or records the entry with a warning; the test names say which.
 */
class HostileLayerTest {

    private static final ContentSelector NOTHING = path -> Optional.empty();
    private static final ContentSelector ETC_WHOLE = path -> path.startsWith("etc/")
            ? Optional.of(ContentRequest.wholeFile()) : Optional.empty();
    private static final AnalyzerLimits DEFAULTS = AnalyzerLimits.defaults();

    private final Warnings warnings = new Warnings(50);

    private ImageFileSystem stack(AnalyzerLimits limits, ContentSelector selector, byte[]... blobs) {
        return TestImage.stack(limits, selector, warnings, blobs);
    }

    private static String digest(byte[] blob) {
        return TestTar.describe(blob).digest();
    }

    // --- escapes: recorded inside the image or skipped, never written ---

    @Test
    void resolvesSymlinkEscapesInsideTheImageAndSkipsHardLinksOutOfItWritingNothing(@TempDir Path dir)
            throws IOException {
        String outside = dir.toString().substring(1);
        byte[] layer = tar()
                .symlink("escape", "../".repeat(dir.getNameCount() + 3) + outside)
                .symlink("abs", dir.toString())
                .file("abs/pwned", "written through a symlink by a naive extractor")
                .hardlink("etc/shadow-copy", dir + "/victim")
                .gzip();

        ImageFileSystem fs = stack(DEFAULTS, NOTHING, layer);

        assertThat(fs.entries()).extracting(FsEntry::path, FsEntry::type).containsExactly(
                tuple("abs", FileType.SYMLINK),
                tuple("abs/pwned", FileType.FILE),
                tuple("escape", FileType.SYMLINK));
        // Both links lead to the same place inside the image, as they would for a process chrooted into it.
        assertThat(fs.resolvePath("escape")).contains(outside);
        assertThat(fs.resolvePath("abs")).contains(outside);
        assertThat(warnings.toList()).containsExactly(
                "layer " + digest(layer) + ": symlink /escape points to '" + "../".repeat(dir.getNameCount() + 3)
                        + outside + "', above the image root; it is resolved inside the image",
                "layer " + digest(layer) + ": skipped hard link /etc/shadow-copy to /" + outside
                        + "/victim, which does not exist at that point");
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void resolutionGivesUpOnSelfLoopsCyclesAndChainsLongerThanLinux() {
        TestTar layer = tar().symlink("self", "self").symlink("ping", "pong").symlink("pong", "/ping")
                .file("target", "reached");
        // 40 hops resolve, as on Linux; the 41st is ELOOP.
        layer.symlink("short/0", "/target");
        for (int i = 1; i <= 40; i++) {
            layer.symlink("short/" + i, "/short/" + (i - 1));
        }
        layer.symlink("long/0", "/target");
        for (int i = 1; i <= 41; i++) {
            layer.symlink("long/" + i, "/long/" + (i - 1));
        }

        ImageFileSystem fs = stack(DEFAULTS, path -> path.equals("target")
                ? Optional.of(ContentRequest.wholeFile()) : Optional.empty(), layer.gzip());

        assertThat(fs.resolvePath("self")).isEmpty();
        assertThat(fs.resolvePath("self/below/it")).isEmpty();
        assertThat(fs.resolvePath("ping")).isEmpty();
        assertThat(fs.content("pong")).isEmpty();
        assertThat(fs.isDirectory("ping")).isFalse();
        assertThat(fs.list("self")).isEmpty();
        assertThat(fs.resolvePath("short/39")).contains("target");
        assertThat(fs.resolvePath("long/41")).isEmpty();
        assertThat(fs.entry("self")).get().extracting(FsEntry::type).isEqualTo(FileType.SYMLINK);
    }

    @Test
    void skipsHardLinksToMissingOrLaterEntriesWithAWarning() {
        byte[] layer = tar().hardlink("bin/early", "bin/real").file("bin/real", "x").hardlink("bin/nothing", "nope")
                .hardlink("bin/ok", "bin/real").gzip();

        ImageFileSystem fs = stack(DEFAULTS, NOTHING, layer);

        assertThat(fs.entries()).extracting(FsEntry::path).containsExactly("bin/ok", "bin/real");
        assertThat(warnings.toList()).containsExactly(
                "layer " + digest(layer) + ": skipped hard link /bin/early to /bin/real, which does not exist at that"
                        + " point",
                "layer " + digest(layer) + ": skipped hard link /bin/nothing to /nope, which does not exist at that"
                        + " point");
    }

    @Test
    void recordsDevicesAndFifosAsEntriesWithoutCreatingOrReadingThem(@TempDir Path dir) {
        byte[] layer = tar().charDevice("dev/null").blockDevice("dev/sda").fifo("run/pipe")
                .charDevice(dir + "/mem").gzip();

        ImageFileSystem fs = stack(DEFAULTS, path -> Optional.of(ContentRequest.wholeFile()), layer);

        assertThat(fs.entry("dev/null")).get().extracting(FsEntry::type, FsEntry::size)
                .containsExactly(FileType.CHAR_DEVICE, 0L);
        assertThat(fs.entry("dev/sda")).get().extracting(FsEntry::type).isEqualTo(FileType.BLOCK_DEVICE);
        assertThat(fs.entry("run/pipe")).get().extracting(FsEntry::type).isEqualTo(FileType.FIFO);
        assertThat(fs.content("dev/null")).isEmpty();
        assertThat(warnings.toList()).isEmpty();
        assertThat(dir.resolve("mem")).doesNotExist();
    }

    // --- decompression bombs, entry counts and sparse files ---

    @Test
    void failsAZstdBombAtTheUncompressedLimit() {
        byte[] bomb = tar().file("zeros", new byte[4 << 20], 0644, 0, 0).zstd();
        AnalyzerLimits limits = DEFAULTS.withMaxUncompressedBytes(1 << 20);

        assertThat(bomb.length).isLessThan(4096);
        assertThatThrownBy(() -> stack(limits, NOTHING, bomb))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("image exceeds 1048576 uncompressed bytes (limit) while reading layer " + digest(bomb));
    }

    @Test
    void failsAGzipBombOfManyEmptyEntriesAtTheEntryLimit() {
        TestTar many = tar();
        for (int i = 0; i < 5000; i++) {
            many.file("many/" + i, "");
        }
        byte[] layer = many.gzip();

        assertThatThrownBy(() -> stack(DEFAULTS.withMaxEntries(1000), NOTHING, layer))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("layer " + digest(layer) + " takes the image over 1000 entries (limit)");
    }

    @Test
    // Expanding these 800 GiB of holes would take many minutes: fail instead of hanging the build.
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void countsHugeSparseFilesAtTheirRealSizeWithoutExpandingThem() throws IOException {
        byte[] data = "head".getBytes(StandardCharsets.UTF_8);
        long eightGiB = (8L << 30) - 1;
        TestTar tar = tar();
        for (int i = 0; i < 99; i++) {
            tar.oldGnuSparse("var/log/sparse-" + i, data, eightGiB);
        }
        byte[] layer = tar.oldGnuSparse("var/log/lastlog", data, eightGiB)
                .paxSparse("var/log/faillog", data, 2_000_000_000L).file("after", "still read").gzip();
        LayerStack stack = new LayerStack(DEFAULTS.withMaxUncompressedBytes(1 << 20), NOTHING, warnings);

        LayerSummary summary = stack.add(TestTar.describe(layer), new ByteArrayInputStream(layer));

        ImageFileSystem fs = stack.fileSystem();
        assertThat(fs.entry("var/log/lastlog")).get().extracting(FsEntry::type, FsEntry::size, FsEntry::sha256)
                .containsExactly(FileType.FILE, eightGiB, null);
        assertThat(fs.entry("var/log/faillog")).get().extracting(FsEntry::size).isEqualTo(2_000_000_000L);
        assertThat(fs.entry("after")).isPresent();
        assertThat(summary.fileBytes()).isEqualTo(100 * eightGiB + 2_000_000_000L + "still read".length());
    }

    @Test
    void failsWhenACatalogerNeedsAWholeSparseFile() {
        byte[] layer = tar().oldGnuSparse("etc/db", "x".getBytes(StandardCharsets.UTF_8), 1L << 32).gzip();

        assertThatThrownBy(() -> stack(DEFAULTS, ETC_WHOLE, layer))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("file /etc/db in layer " + digest(layer) + " is a sparse entry of 4294967296 bytes;"
                        + " sparse entries are never expanded, so it cannot be read");
    }

    // --- names, headers and nesting ---

    @Test
    void failsOnPaxLongNamesAndSymlinkTargetsPastThePathLimit() {
        String longName = "d/".repeat(100) + "file";
        byte[] name = tar().paxFile("short", Map.of("path", longName), new byte[0]).gzip();
        byte[] target = tar().symlink("link", "t/".repeat(100)).gzip();
        AnalyzerLimits limits = DEFAULTS.withMaxPathLength(150);

        assertThatThrownBy(() -> stack(limits, NOTHING, name))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("layer " + digest(name) + " has a path longer than 150 characters (limit): /" + longName);
        assertThatThrownBy(() -> stack(limits, NOTHING, target))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("layer " + digest(target) + " has a symlink /link whose target is longer than 150"
                        + " characters (limit)");
    }

    @Test
    void failsAChainOfLongNameHeadersAtTheHeaderLimitInsteadOfOverflowingTheStack() {
        // 20 000 chained records overflow commons-compress's recursion; the budget stops it after a few hundred.
        byte[] layer = tar().longNameChain(20_000).gzip();

        assertThatThrownBy(() -> stack(DEFAULTS, NOTHING, layer))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("layer " + digest(layer) + " has a tar entry with more than 262144 bytes of headers"
                        + " (PAX extended headers, GNU long names, sparse maps) (limit)");
    }

    @Test
    void readsAShortChainOfLongNameHeadersWithinTheLimit() {
        byte[] layer = tar().longNameChain(100).file("next", "n").gzip();

        ImageFileSystem fs = stack(DEFAULTS, NOTHING, layer);

        assertThat(fs.entries()).extracting(FsEntry::path).containsExactly("chained/long-name-0", "next");
    }

    @Test
    void failsAHugePaxHeaderBeforeHoldingIt() {
        byte[] layer = tar().paxFile("etc/x", Map.of("SCHILY.xattr.user.big", "v".repeat(1 << 20)), new byte[0])
                .gzip();

        assertThatThrownBy(() -> stack(DEFAULTS, NOTHING, layer))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageContaining("has a tar entry with more than 262144 bytes of headers");
    }

    @Test
    void failsGlobalPaxHeadersThatAccumulatePastTheHeaderLimit() {
        TestTar layer = tar();
        for (int i = 0; i < 5; i++) {
            layer.globalPax(Map.of("drydock.k" + i, "v".repeat(5000))).file("f" + i, "x");
        }
        byte[] blob = layer.gzip();

        // Each global header alone fits (as does the end of the archive, read in up to 10 KiB blocks).
        assertThatThrownBy(() -> stack(DEFAULTS.withMaxHeaderBytes(12_000), NOTHING, blob))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("layer " + digest(blob) + " has a tar entry with more than 12000 bytes of PAX extended"
                        + " headers in force (limit)");
    }

    @Test
    void skipsNamesWithNulAndKeepsInvalidUtf8NamesUnderReplacementCharacters() {
        byte[] layer = tar()
                .rawPax(Map.of("path", "etc/passwd\0.hidden"), TarConstants.LF_NORMAL)
                .rawPax(Map.of("path", "etc/link", "linkpath", "target\0tail"), TarConstants.LF_SYMLINK)
                .raw(TestTar.header(new byte[]{'e', 't', 'c', '/', (byte) 0xff, (byte) 0xfe}, TarConstants.LF_NORMAL,
                        0), null)
                .file("etc/ok", "ok")
                .gzip();

        ImageFileSystem fs = stack(DEFAULTS, NOTHING, layer);

        // Linux names are bytes; the reader decodes invalid UTF-8 as '?', so such a file is kept under that name.
        assertThat(fs.entries()).extracting(FsEntry::path).containsExactly("etc/??", "etc/ok");
        assertThat(warnings.toList()).hasSize(2)
                .allSatisfy(warning -> assertThat(warning).contains("contains a NUL character"));
    }

    @Test
    void recordsANestedArchiveAsAFileWithoutOpeningIt() {
        byte[] nested = tar().file("innermost", "deep").plain();
        for (int depth = 0; depth < 12; depth++) {
            nested = tar().file("level-" + depth + ".tar", nested, 0644, 0, 0).gzip();
        }
        byte[] layer = tar().file("opt/archive.tar.gz", nested, 0644, 0, 0).gzip();

        ImageFileSystem fs = stack(DEFAULTS, path -> Optional.of(ContentRequest.head(16)), layer);

        assertThat(fs.entries()).extracting(FsEntry::path, FsEntry::sha256)
                .containsExactly(tuple("opt/archive.tar.gz", TestTar.sha256(nested)));
    }

    // --- corrupt and mislabelled blobs ---

    @Test
    void failsClearlyOnATarHeaderWithABadChecksum() {
        byte[] plain = tar().file("a", "1").file("b", "2").plain();
        // The second header starts after the first header and its one data record; change its name only.
        plain[1024] = 'c';

        assertThatThrownBy(() -> stack(DEFAULTS, NOTHING, plain))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("layer " + digest(plain) + " (none) is truncated or corrupt: tar header checksum mismatch"
                        + " after 1536 bytes");
    }

    @Test
    void failsClearlyOnTruncatedOrCorruptZstd() {
        byte[] whole = tar().file("etc/data", "y".repeat(200_000)).file("etc/more", "z").zstd();
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        byte[] corrupt = whole.clone();
        for (int i = 12; i < corrupt.length / 2; i++) {
            corrupt[i] ^= 0x5a;
        }

        for (byte[] blob : new byte[][]{truncated, corrupt}) {
            LayerStack stack = new LayerStack(DEFAULTS, NOTHING, warnings);
            assertThatThrownBy(() -> stack.add(TestTar.describe(blob), new ByteArrayInputStream(blob)))
                    .isInstanceOf(AnalysisFailure.class)
                    .hasMessageStartingWith("layer " + digest(blob) + " (zstd) is truncated or corrupt: ");
        }
    }

    @Test
    void failsClearlyOnAGzipWhoseChecksumDoesNotMatch() {
        byte[] gzip = tar().file("etc/data", "payload").gzip();
        // The trailer's CRC32 sits in the last eight bytes, before the length.
        gzip[gzip.length - 8] ^= 0x01;

        assertThatThrownBy(() -> stack(DEFAULTS, NOTHING, gzip))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessageStartingWith("layer " + digest(gzip) + " (gzip) is truncated or corrupt: ");
    }

    @Test
    void failsALayerLongerThanItsManifestSaysWithoutReadingItToTheEnd() {
        byte[] blob = tar().file("etc/data", "y".repeat(300_000)).plain();
        LayerDescriptor lying = new LayerDescriptor(digest(blob), "application/vnd.oci.image.layer.v1.tar", 1000);
        CountingStream source = new CountingStream(blob);
        LayerStack stack = new LayerStack(DEFAULTS, NOTHING, warnings);

        assertThatThrownBy(() -> stack.add(lying, source))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("layer " + digest(blob) + " is longer than the 1000 bytes the manifest says");
        assertThat(source.read).isLessThan(blob.length);
    }

    @Test
    void failsALayerShorterThanItsManifestSays() {
        byte[] blob = tar().file("etc/data", "y").gzip();
        LayerDescriptor lying = new LayerDescriptor(digest(blob), "application/vnd.oci.image.layer.v1.tar+gzip",
                blob.length + 1);
        LayerStack stack = new LayerStack(DEFAULTS, NOTHING, warnings);

        assertThatThrownBy(() -> stack.add(lying, new ByteArrayInputStream(blob)))
                .isInstanceOf(AnalysisFailure.class)
                .hasMessage("layer " + digest(blob) + " has " + blob.length + " bytes, but the manifest says "
                        + (blob.length + 1));
    }

    /** Counts what the stack pulled from the source. */
    private static final class CountingStream extends ByteArrayInputStream {
        private long read;

        CountingStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            int n = super.read(b, off, len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
