package io.drydock.analyzer;

import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.Catalogers;
import io.drydock.analyzer.catalogers.PackageCataloger;
import io.drydock.analyzer.distro.Distro;
import io.drydock.analyzer.distro.DistroDetector;
import io.drydock.analyzer.image.DockerfileGuesser;
import io.drydock.analyzer.image.ImageConfig;
import io.drydock.analyzer.image.ImageConfigParser;
import io.drydock.analyzer.image.ImageHistory;
import io.drydock.analyzer.layer.ContentSelector;
import io.drydock.analyzer.layer.ImageFileSystem;
import io.drydock.analyzer.layer.LayerDescriptor;
import io.drydock.analyzer.layer.LayerStack;
import io.drydock.analyzer.layer.LayerSummary;
import io.drydock.analyzer.layer.TempSpace;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;

/**
 * Analyses one image from its manifest layers and config: streams every layer once, never executes or extracts
 * image content, and returns distro, packages, files, config and history. Thread-safe; one instance can serve
 * concurrent analyses.
 */
public final class ImageAnalyzer {

    /** Recorded with every analysis and part of the per-layer cache key: bump it when results would change. */
    public static final String VERSION = "drydock-analyzer-2";

    private final AnalyzerLimits limits;
    private final Catalogers catalogers;
    private final Path tempDirectory;
    private final DistroDetector distroDetector = new DistroDetector();
    private final ImageConfigParser configParser = new ImageConfigParser();

    public ImageAnalyzer(AnalyzerLimits limits) {
        this(limits, Catalogers.defaults(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param tempDirectory where each analysis makes its own temporary directory, removed when it ends */
    public ImageAnalyzer(AnalyzerLimits limits, Catalogers catalogers, Path tempDirectory) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.catalogers = Objects.requireNonNull(catalogers, "catalogers");
        this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
    }

    /**
     * @throws AnalysisFailure when the image is invalid or exceeds a limit: permanent, record {@code analysis_failed}
     * @throws IOException     when the layer source fails: the caller decides whether to retry
     */
    public ImageAnalysisResult analyze(AnalysisRequest request) throws IOException {
        try (TempSpace temp = new TempSpace(tempDirectory, limits.maxTempBytes())) {
            return analyze(request, temp);
        }
    }

    private ImageAnalysisResult analyze(AnalysisRequest request, TempSpace temp) throws IOException {
        checkLayerCount(request.layers());
        ImageConfig config = configParser.parse(request.configJson());
        Warnings warnings = new Warnings(limits.maxWarnings());
        long imageSize = checkCompressedSize(request.layers());
        if (!config.diffIds().isEmpty() && config.diffIds().size() != request.layers().size()) {
            warnings.add("the config lists " + config.diffIds().size() + " layers (rootfs.diff_ids) but the manifest "
                    + request.layers().size());
        }

        List<ContentSelector> selectors = new ArrayList<>();
        selectors.add(DistroDetector.contentSelector());
        catalogers.packageCatalogers().forEach(cataloger -> selectors.add(cataloger.contentSelector()));
        LayerStack stack = new LayerStack(limits, ContentSelector.anyOf(selectors), warnings,
                catalogers.fileCatalogers(), new CatalogContext(limits, warnings, temp));
        List<Long> layerSizes = new ArrayList<>();
        for (LayerDescriptor layer : request.layers()) {
            try (InputStream blob = request.layerSource().open(layer)) {
                LayerSummary summary = stack.add(layer, blob);
                layerSizes.add(summary.fileBytes());
            }
        }
        ImageFileSystem fs = stack.fileSystem();

        Distro distro = distroDetector.detect(fs);
        List<PackageRecord> packages = new ArrayList<>();
        for (PackageCataloger cataloger : catalogers.packageCatalogers()) {
            packages.addAll(cataloger.catalog(fs, distro));
        }
        packages.addAll(fs.filePackages());
        packages = withoutOwnedLanguagePackages(packages);
        List<FileRecord> files = fs.entries().stream().map(FileRecord::of).toList();

        ImageHistory history = ImageHistory.of(config.history(), request.layers(), layerSizes);
        List<LayerRecord> layers = new ArrayList<>();
        for (int i = 0; i < request.layers().size(); i++) {
            LayerDescriptor layer = request.layers().get(i);
            layers.add(new LayerRecord(layer.digest(), layer.size(), layer.mediaType(),
                    history.layerCreatedBy().get(i)));
        }
        DockerfileMode mode;
        String dockerfile;
        if (request.dockerfile() != null) {
            mode = DockerfileMode.ACTUAL;
            dockerfile = request.dockerfile();
        } else if (!config.history().isEmpty()) {
            mode = DockerfileMode.GUESSED;
            dockerfile = DockerfileGuesser.guess(config.history());
        } else {
            mode = DockerfileMode.UNKNOWN;
            dockerfile = null;
        }

        return new ImageAnalysisResult(VERSION, Sha256.hex(request.configJson()), distro.name(), distro.version(),
                distro.likeDistro(), distro.flavor(), config.architecture(), config.os(), imageSize,
                request.layers().size(), mode, dockerfile, history.dockerHistory(), layers, config.config(),
                packages, files, warnings.toList());
    }

    /**
     * A language package whose manifest an OS package installed (a Debian {@code python3-*} package's
     * {@code .dist-info}, a jar shipped in an rpm) is the OS package's content: the OS package is what its distro
     * tracks and fixes, so reporting both would count every finding twice. Anchore filters these the same way
     * ({@code enable_owned_package_filtering}). Archives inside an owned archive are owned too.
     */
    static List<PackageRecord> withoutOwnedLanguagePackages(List<PackageRecord> packages) {
        Set<String> owned = new HashSet<>();
        for (PackageRecord pkg : packages) {
            if (pkg.isOsPackage()) {
                owned.addAll(pkg.files());
            }
        }
        if (owned.isEmpty()) {
            return packages;
        }
        List<PackageRecord> kept = new ArrayList<>(packages.size());
        for (PackageRecord pkg : packages) {
            if (pkg.isOsPackage() || pkg.location() == null || !owned.contains(outermostFile(pkg.location()))) {
                kept.add(pkg);
            }
        }
        return kept;
    }

    /** {@code /app/x.war:WEB-INF/lib/y.jar} → {@code /app/x.war}. */
    private static String outermostFile(String location) {
        int colon = location.indexOf(':');
        return colon < 0 ? location : location.substring(0, colon);
    }

    /** A manifest may list the same small blob thousands of times: each would still be a download and a stream. */
    private void checkLayerCount(List<LayerDescriptor> layers) {
        if (layers.size() > limits.maxLayers()) {
            throw new AnalysisFailure("image has " + layers.size() + " layers, more than " + limits.maxLayers()
                    + " (limit)");
        }
    }

    /** Fails before any download when the manifest already declares more than the limit. */
    private long checkCompressedSize(List<LayerDescriptor> layers) {
        long total = 0;
        for (LayerDescriptor layer : layers) {
            // Saturates instead of overflowing on absurd declared sizes.
            total = total > Long.MAX_VALUE - layer.size() ? Long.MAX_VALUE : total + layer.size();
        }
        if (total > limits.maxCompressedBytes()) {
            throw new AnalysisFailure("image layers total " + total + " compressed bytes, more than "
                    + limits.maxCompressedBytes() + " (limit)");
        }
        return total;
    }
}
