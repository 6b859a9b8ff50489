package io.drydock.analyzer.worker;

import io.drydock.analyzer.AnalyzerLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

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
        @DefaultValue("4GB") DataSize maxTempSize) {

    public int effectiveConcurrency() {
        return concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
    }

    public AnalyzerLimits limits() {
        AnalyzerLimits defaults = AnalyzerLimits.defaults();
        return new AnalyzerLimits(maxCompressedSize.toBytes(), maxUncompressedSize.toBytes(), maxEntries,
                maxFileSize.toBytes(), defaults.maxCollectedBytes(), defaults.maxPathLength(), defaults.maxPathDepth(),
                defaults.maxWarnings(), maxLayers, defaults.maxHeaderBytes(), maxNestingDepth,
                maxTempSize.toBytes());
    }
}
