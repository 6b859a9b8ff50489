package io.drydock.analyzer.bench;

import io.drydock.analyzer.AnalysisOptions;
import io.drydock.analyzer.AnalysisRequest;
import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.ImageAnalysisResult;
import io.drydock.analyzer.ImageAnalyzer;
import io.drydock.analyzer.catalogers.Catalogers;
import io.drydock.analyzer.layer.LayerCache;
import io.drydock.analyzer.layer.LayerChanges;
import io.drydock.analyzer.layer.LayerChangesCodec;
import io.drydock.analyzer.layer.LayerDescriptor;
import io.drydock.testkit.image.DebianRootfs;
import io.drydock.testkit.image.TestLayer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Analysis speed against the physical floor, on this machine: a real Debian 12 root file system (debootstrap) as one
 * gzip layer is (1) only decompressed, (2) decompressed and walked as a tar, (3) fully analysed, (4) analysed again
 * with its layer's findings in the per-layer cache. Prints medians over several rounds after warm-up, the heap each
 * analysis allocated, and the peak heap in use. Run with {@code ./drydock bench}; figures, not assertions.
 */
public final class AnalysisBenchmark {

    private static final int WARMUP = 2;
    private static final int ROUNDS = 5;
    private static final byte[] CONFIG = """
            {"architecture":"amd64","os":"linux","config":{"Cmd":["bash"]},
             "history":[{"created":"2024-01-01T00:00:00Z","created_by":"/bin/sh -c #(nop) ADD file:rootfs in / "}]}
            """.getBytes(StandardCharsets.UTF_8);

    private AnalysisBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = DebianRootfs.path();
        TestLayer layer = TestLayer.fromDirectory(root);
        Path blob = layer.blobPath();
        LayerDescriptor descriptor = new LayerDescriptor(layer.digest(), "application/vnd.oci.image.layer.v1.tar+gzip",
                layer.size());
        long uncompressed = uncompressedBytes(blob);
        System.out.printf(Locale.ROOT, "Image: Debian 12 minbase (debootstrap), one gzip layer of %.1f MB "
                + "(%.1f MB uncompressed)%n", layer.size() / 1e6, uncompressed / 1e6);
        System.out.printf(Locale.ROOT, "Machine: %d cores, Java %s, max heap %d MB%n%n",
                Runtime.getRuntime().availableProcessors(), Runtime.version(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));

        Path temp = Files.createTempDirectory("drydock-bench-");
        ImageAnalyzer plain = new ImageAnalyzer(AnalyzerLimits.defaults(), Catalogers.defaults(),
                AnalysisOptions.defaults(), temp);
        MemoryCache cache = new MemoryCache();
        ImageAnalyzer cached = new ImageAnalyzer(AnalyzerLimits.defaults(), Catalogers.defaults(),
                AnalysisOptions.defaults(), temp, cache);
        AnalysisRequest request = AnalysisRequest.of(List.of(descriptor), CONFIG, d -> Files.newInputStream(blob));
        ImageAnalysisResult result = plain.analyze(request);
        cached.analyze(request);

        List<String[]> rows = new ArrayList<>();
        rows.add(measure("gunzip only (floor)", uncompressed, () -> gunzip(blob)));
        rows.add(measure("gunzip + tar walk", uncompressed, () -> tarWalk(blob)));
        rows.add(measure("full analysis", uncompressed, () -> analyse(plain, request)));
        rows.add(measure("analysis, layer cached", uncompressed, () -> analyse(cached, request)));
        System.out.printf(Locale.ROOT, "%-24s %12s %12s %12s %16s%n", "", "median ms", "min ms", "MB/s",
                "allocated MB");
        rows.forEach(r -> System.out.printf(Locale.ROOT, "%-24s %12s %12s %12s %16s%n", (Object[]) r));
        System.out.printf(Locale.ROOT, "%nAnalysis found %d packages and %d files; cache entry %.1f MB compressed.%n",
                result.packages().size(), result.files().size(), cache.bytes() / 1e6);
        System.out.printf(Locale.ROOT, "Peak heap in use during the run: %d MB.%n", peakHeapMb());
    }

    private static String[] measure(String name, long bytes, LongSupplier work) {
        for (int i = 0; i < WARMUP; i++) {
            work.getAsLong();
        }
        List<Long> times = new ArrayList<>();
        long allocated = 0;
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < ROUNDS; i++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            work.getAsLong();
            times.add(System.nanoTime() - start);
            allocated += threads.getCurrentThreadAllocatedBytes() - before;
        }
        Collections.sort(times);
        double medianMs = times.get(ROUNDS / 2) / 1e6;
        return new String[] {name, String.format(Locale.ROOT, "%.0f", medianMs),
                String.format(Locale.ROOT, "%.0f", times.getFirst() / 1e6),
                String.format(Locale.ROOT, "%.0f", bytes / 1e6 / (medianMs / 1e3)),
                String.format(Locale.ROOT, "%.0f", allocated / (double) ROUNDS / 1e6)};
    }

    private static long uncompressedBytes(Path blob) {
        return gunzip(blob);
    }

    private static long gunzip(Path blob) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(blob), 64 * 1024)) {
            return in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long tarWalk(Path blob) {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(Files.newInputStream(blob), 64 * 1024))) {
            long bytes = 0;
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile()) {
                    bytes += tar.transferTo(OutputStream.nullOutputStream());
                }
            }
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long analyse(ImageAnalyzer analyzer, AnalysisRequest request) {
        try {
            return analyzer.analyze(request).packages().size();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    /** Keeps entries encoded, as the database does, so a hit pays for decoding. */
    private static final class MemoryCache implements LayerCache {
        private final Map<String, byte[]> entries = new HashMap<>();

        @Override
        public Optional<LayerChanges> find(String layerDigest, String key) {
            return Optional.ofNullable(entries.get(layerDigest + key)).map(LayerChangesCodec::decode);
        }

        @Override
        public void store(String layerDigest, String key, LayerChanges changes) {
            entries.put(layerDigest + key, LayerChangesCodec.encode(changes));
        }

        long bytes() {
            return entries.values().stream().mapToLong(b -> b.length).sum();
        }
    }
}
