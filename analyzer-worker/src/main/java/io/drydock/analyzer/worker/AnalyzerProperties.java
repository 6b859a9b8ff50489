package io.drydock.analyzer.worker;

import io.drydock.analyzer.AnalysisOptions;
import io.drydock.analyzer.AnalyzerLimits;
import io.drydock.analyzer.search.ContentSearch;
import io.drydock.analyzer.search.NamedPattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * @param enabled           claim and run analysis jobs in this process
 * @param concurrency       analyses at once in this process; 0 means one per core
 * @param lease             how long a claim holds without a heartbeat; a crashed worker's job is taken over after it
 * @param heartbeat         how often a running analysis renews its lease (well inside {@code lease})
 * @param pollInterval      how often idle workers look for jobs nobody woke them for
 * @param maxCompressedSize largest image (sum of compressed layers) analysed
 * @param maxUncompressedSize largest image uncompressed
 * @param maxEntries        most tar entries in one image
 * @param maxFileSize       largest single file read into memory
 * @param maxLayers         most layers in one image's manifest
 * @param maxNestingDepth   archives inside archives opened (a jar in a war in an ear is depth 3)
 * @param maxTempSize       temporary disk per analysis for large files read with random access
 * @param tempDir           where analyses make their temporary directories; the JVM's temporary directory if unset
 * @param secretSearches    {@code NAME=regex} secret searches; Anchore's defaults if unset, none if empty
 * @param contentSearches   {@code NAME=regex} content searches reported as {@code file_content_search}; none if unset
 * @param searchMaxFileSize larger files are not searched (Anchore's {@code MAXFILESIZE})
 * @param retrieveFiles     files kept for the policy gates
 * @param retrieveMaxFileSize larger files are not retrieved
 * @param layerCache        reuse per-layer findings of earlier analyses (by layer digest and analyzer configuration)
 * @param layerCacheMaxEntrySize findings of one layer larger than this (compressed) are not cached
 */
@ConfigurationProperties("drydock.analyzer")
public record AnalyzerProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("0") int concurrency,
        @DefaultValue("60s") Duration lease,
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("5s") Duration pollInterval,
        @DefaultValue("10GB") DataSize maxCompressedSize,
        @DefaultValue("40GB") DataSize maxUncompressedSize,
        @DefaultValue("2000000") long maxEntries,
        @DefaultValue("64MB") DataSize maxFileSize,
        @DefaultValue("1000") int maxLayers,
        @DefaultValue("8") int maxNestingDepth,
        @DefaultValue("4GB") DataSize maxTempSize,
        String tempDir,
        List<String> secretSearches,
        List<String> contentSearches,
        @DefaultValue("10000B") DataSize searchMaxFileSize,
        @DefaultValue("/etc/passwd") List<String> retrieveFiles,
        @DefaultValue("1000KB") DataSize retrieveMaxFileSize,
        @DefaultValue("true") boolean layerCache,
        @DefaultValue("256MB") DataSize layerCacheMaxEntrySize) {

    public int effectiveConcurrency() {
        return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
    }

    /**
     * @throws IllegalArgumentException for a search that is not {@code NAME=regex} or not a valid regex: reported at
     *                                  start
     */
    public AnalysisOptions options() {
        List<NamedPattern> secrets = (secretSearches == null ? ContentSearch.DEFAULT_SECRET_SEARCHES : secretSearches)
                .stream().map(NamedPattern::parse).toList();
        List<NamedPattern> content = (contentSearches == null ? List.<String>of() : contentSearches)
                .stream().map(NamedPattern::parse).toList();
        return new AnalysisOptions(new ContentSearch(secrets, content, Math.toIntExact(searchMaxFileSize.toBytes())),
                retrieveFiles, Math.toIntExact(retrieveMaxFileSize.toBytes()));
    }

    public Path tempDirectory() {
        return Path.of(tempDir == null || tempDir.isBlank() ? System.getProperty("java.io.tmpdir") : tempDir);
    }

    public AnalyzerLimits limits() {
        AnalyzerLimits defaults = AnalyzerLimits.defaults();
        return new AnalyzerLimits(maxCompressedSize.toBytes(), maxUncompressedSize.toBytes(), maxEntries,
                maxFileSize.toBytes(), defaults.maxCollectedBytes(), defaults.maxPathLength(), defaults.maxPathDepth(),
                defaults.maxWarnings(), maxLayers, defaults.maxHeaderBytes(), maxNestingDepth,
                maxTempSize.toBytes());
    }
}
