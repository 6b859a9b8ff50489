package io.drydock.analyzer;

import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.Catalogers;
import io.drydock.analyzer.catalogers.PackageCataloger;
import io.drydock.analyzer.catalogers.npm.InstalledOverLocked;
import io.drydock.analyzer.distro.Distro;
import io.drydock.analyzer.distro.DistroDetector;
import io.drydock.analyzer.image.DockerfileGuesser;
import io.drydock.analyzer.image.ImageConfig;
import io.drydock.analyzer.image.ImageConfigParser;
import io.drydock.analyzer.image.ImageHistory;
import io.drydock.analyzer.layer.ContentRequest;
import io.drydock.analyzer.layer.ContentSelector;
import io.drydock.analyzer.layer.ImageFileSystem;
import io.drydock.analyzer.layer.ImagePaths;
import io.drydock.analyzer.layer.LayerCache;
import io.drydock.analyzer.layer.LayerChanges;
import io.drydock.analyzer.layer.LayerDescriptor;
import io.drydock.analyzer.layer.LayerStack;
import io.drydock.analyzer.layer.LayerSummary;
import io.drydock.analyzer.layer.TempSpace;
import io.drydock.analyzer.search.PathMatches;
import io.drydock.analyzer.search.RetrievedFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Objects;
import java.util.Optional;

/**
 * Analyses one image from its manifest layers and config: streams every layer once, never executes or extracts
 * image content, and returns distro, packages, files, config and history. Thread-safe; one instance can serve
 * concurrent analyses.
 */
public final class ImageAnalyzer {

    /** Recorded with every analysis and part of the per-layer cache key: bump it when results would change. */
    public static final String VERSION = io.drydock.platform.analysis.AnalyzerVersion.CURRENT;

    private final AnalyzerLimits limits;
    private final Catalogers catalogers;
    private final AnalysisOptions options;
    private final Path tempDirectory;
    private final LayerCache cache;
    private final String cacheKey;
    private final DistroDetector distroDetector = new DistroDetector();
    private final ImageConfigParser configParser = new ImageConfigParser();

    public ImageAnalyzer(AnalyzerLimits limits) {
        this(limits, Catalogers.defaults(), AnalysisOptions.defaults(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** @param tempDirectory where each analysis makes its own temporary directory, removed when it ends */
    public ImageAnalyzer(AnalyzerLimits limits, Catalogers catalogers, AnalysisOptions options, Path tempDirectory) {
        this(limits, catalogers, options, tempDirectory, LayerCache.none());
    }

    /** @param cache per-layer findings of earlier analyses, reused when the layer digest and configuration match */
    public ImageAnalyzer(AnalyzerLimits limits, Catalogers catalogers, AnalysisOptions options, Path tempDirectory,
                         LayerCache cache) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.catalogers = Objects.requireNonNull(catalogers, "catalogers");
        this.options = Objects.requireNonNull(options, "options");
        this.tempDirectory = Objects.requireNonNull(tempDirectory, "tempDirectory");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.cacheKey = cacheKey(limits, catalogers, options);
    }

    /**
     * What a layer's findings depend on besides its content: the analyzer version, the catalogers, the searches and
     * the limits (a limit decides what is kept and what becomes a warning).
     */
    static String cacheKey(AnalyzerLimits limits, Catalogers catalogers, AnalysisOptions options) {
        StringBuilder configuration = new StringBuilder(limits.toString());
        catalogers.packageCatalogers().forEach(c -> configuration.append('\u0000').append(c.getClass().getName()));
        catalogers.fileCatalogers().forEach(c -> configuration.append('\u0000').append(c.getClass().getName()));
        configuration.append('\u0000').append(options.fingerprint());
        return VERSION + "/" + Sha256.hex(configuration.toString().getBytes(StandardCharsets.UTF_8))
                .substring(0, 16);
    }

    /** The per-layer cache key of this analyzer's version and configuration. */
    public String cacheKey() {
        return cacheKey;
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
        selectors.add(retrieveSelector());
        LayerStack stack = new LayerStack(limits, ContentSelector.anyOf(selectors), warnings,
                catalogers.fileCatalogers(), new CatalogContext(limits, warnings, temp), options.search());
        List<Long> layerSizes = new ArrayList<>();
        for (LayerDescriptor layer : request.layers()) {
            Optional<LayerChanges> cached = cache.find(layer.digest(), cacheKey);
            if (cached.isPresent()) {
                layerSizes.add(stack.addCached(cached.get()).fileBytes());
                continue;
            }
            try (InputStream blob = request.layerSource().open(layer)) {
                LayerSummary summary = stack.add(layer, blob);
                layerSizes.add(summary.fileBytes());
            }
            // Only now: the blob was read to its end, so its digest was verified by the source.
            cache.store(layer.digest(), cacheKey, stack.lastChanges());
        }
        ImageFileSystem fs = stack.fileSystem();

        Distro distro = distroDetector.detect(fs);
        List<PackageRecord> packages = new ArrayList<>();
        for (PackageCataloger cataloger : catalogers.packageCatalogers()) {
            packages.addAll(cataloger.catalog(fs, distro));
        }
        packages.addAll(fs.filePackages());
        packages = withoutOwnedLanguagePackages(InstalledOverLocked.filter(packages));
        List<FileRecord> files = fs.entries().stream().map(FileRecord::of).toList();
        List<PathMatches> secrets = new ArrayList<>();
        List<PathMatches> contentMatches = new ArrayList<>();
        fs.fileMatches().forEach((path, matches) -> {
            if (!matches.secrets().isEmpty()) {
                secrets.add(new PathMatches(path, matches.secrets()));
            }
            if (!matches.contentMatches().isEmpty()) {
                contentMatches.add(new PathMatches(path, matches.contentMatches()));
            }
        });

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
                packages, files, retrievedFiles(fs), secrets, contentMatches, warnings.toList());
    }

    /** Keeps one byte more than the retrieval limit of the configured files: a truncated one is too large. */
    private ContentSelector retrieveSelector() {
        Set<String> paths = new HashSet<>();
        for (String path : options.retrieveFiles()) {
            ImagePaths.normalize(path).ifPresent(paths::add);
        }
        ContentRequest request = ContentRequest.head(options.retrieveMaxBytes() + 1);
        return path -> paths.contains(path) ? Optional.of(request) : Optional.empty();
    }

    /** The configured files that exist (symlinks followed) and are within the size limit, base64-encoded. */
    private List<RetrievedFile> retrievedFiles(ImageFileSystem fs) {
        List<RetrievedFile> retrieved = new ArrayList<>();
        for (String path : options.retrieveFiles()) {
            Optional<String> normalized = ImagePaths.normalize(path);
            if (normalized.isEmpty() || fs.contentTruncated(normalized.get())) {
                continue;
            }
            fs.content(normalized.get()).ifPresent(content -> retrieved.add(
                    new RetrievedFile(ImagePaths.absolute(normalized.get()), Base64.getEncoder().encodeToString(content))));
        }
        return retrieved;
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
