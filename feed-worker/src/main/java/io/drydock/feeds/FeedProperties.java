package io.drydock.feeds;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The vulnerability feed sync, {@code drydock.feeds.*}. No source is configured by default: Drydock never invents
 * vulnerability data, so until a source is configured every distro namespace reports missing data.
 *
 * @param enabled         whether the scheduled sync runs on this instance (on-demand syncs run regardless)
 * @param syncInterval    time between scheduled syncs; Anchore's shipped configuration syncs every 21600 s
 * @param checkInterval   how often each instance checks whether a sync is due (the first check after
 *                        {@code initialDelay}); read by the scheduler through the same keys
 * @param initialDelay    the first check after start
 * @param connectTimeout  connecting to a source (Anchore's default is 3 s; mirrors behind proxies need more)
 * @param readTimeout     waiting for a response's headers
 * @param downloadTimeout one whole download (an OSV archive of a big ecosystem is hundreds of MB)
 * @param lockWait        how long an on-demand sync, flush or delete waits for a sync running elsewhere
 * @param maxRecordBytes  largest single OSV record accepted (a bound on memory per record, not a format limit)
 * @param maxRecords      most records accepted from one source (a bound against a runaway archive)
 * @param sources         the OSV sources, see {@link Source}
 */
@ConfigurationProperties("drydock.feeds")
public record FeedProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("6h") Duration syncInterval,
        @DefaultValue("5m") Duration checkInterval,
        @DefaultValue("30s") Duration initialDelay,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("60s") Duration readTimeout,
        @DefaultValue("30m") Duration downloadTimeout,
        @DefaultValue("30m") Duration lockWait,
        @DefaultValue("16777216") int maxRecordBytes,
        @DefaultValue("2000000") int maxRecords,
        List<Source> sources) {

    public FeedProperties {
        sources = sources == null ? List.of() : List.copyOf(sources);
        for (int i = 0; i < sources.size(); i++) {
            sources.get(i).check("drydock.feeds.sources[" + i + "]");
        }
    }

    /** The sources that are not switched off, in configuration order. */
    public List<Source> activeSources() {
        return sources.stream().filter(Source::isEnabled).toList();
    }

    /**
     * One OSV source: the records of one OSV ecosystem.
     *
     * @param ecosystem the OSV ecosystem of the archive, e.g. {@code Debian}, {@code Maven}, {@code PyPI}; only the
     *                  affected entries of this ecosystem (or its releases, {@code Debian:12}) are indexed
     * @param url       an {@code all.zip} archive, or a directory laid out like the public bucket
     *                  ({@code <url>/all.zip}, {@code <url>/modified_id.csv}, {@code <url>/<ID>.json}), which allows
     *                  incremental syncs
     * @param path      instead of a URL, a local zip archive or a directory of {@code *.json} records (air-gapped)
     * @param enabled   null or true: synced
     */
    public record Source(String ecosystem, URI url, Path path, Boolean enabled) {

        public boolean isEnabled() {
            return enabled == null || enabled;
        }

        /** A URL that does not name a {@code .zip} file is a directory base with an index of modified records. */
        public boolean isDirectoryUrl() {
            return url != null && !url.getPath().toLowerCase(Locale.ROOT).endsWith(".zip");
        }

        /** Where the records come from, for logs and errors. */
        public String location() {
            return url != null ? url.toString() : path.toString();
        }

        void check(String name) {
            if (ecosystem == null || ecosystem.isBlank()) {
                throw new IllegalArgumentException(name + ".ecosystem is required (the OSV ecosystem, e.g. Debian or Maven)");
            }
            if ((url == null) == (path == null)) {
                throw new IllegalArgumentException(name + " needs exactly one of url and path");
            }
            if (url != null && !("http".equalsIgnoreCase(url.getScheme()) || "https".equalsIgnoreCase(url.getScheme()))) {
                throw new IllegalArgumentException(name + ".url must be http(s), not " + url);
            }
        }
    }
}
