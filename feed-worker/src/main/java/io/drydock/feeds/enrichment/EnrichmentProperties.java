package io.drydock.feeds.enrichment;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Enrichment sources, {@code drydock.feeds.enrichment.*}: NVD CVSS, CISA KEV and FIRST EPSS by CVE id. None is
 * configured by default. Each is synced on the feeds' interval ({@code drydock.feeds.sync-interval}) and on demand,
 * through the proxy settings, and shows in {@code GET /v1/system/feeds} as its own feed.
 *
 * @param nvd  NVD CVE records, see {@link Nvd}
 * @param kev  CISA's Known Exploited Vulnerabilities catalog, see {@link Single}
 * @param epss FIRST's daily EPSS scores, see {@link Single}
 */
@ConfigurationProperties("drydock.feeds.enrichment")
public record EnrichmentProperties(Nvd nvd, Single kev, Single epss) {

    public EnrichmentProperties {
        nvd = nvd == null ? new Nvd(null, List.of(), List.of(), null, null) : nvd;
        kev = kev == null ? new Single(null, null) : kev;
        epss = epss == null ? new Single(null, null) : epss;
    }

    /**
     * NVD, from its CVE API 2.0 (incremental by last-modified time) or from CVE JSON 2.0 data-feed files.
     *
     * @param apiUrl          the API, {@code https://services.nvd.nist.gov/rest/json/cves/2.0}, or a mirror of it
     * @param urls            data-feed files ({@code nvdcve-2.0-2021.json.gz}, {@code .json}) on a mirror
     * @param paths           data-feed files on disk (air-gapped installs)
     * @param apiKey          NVD API key (raises the rate limit tenfold); none by default
     * @param requestInterval pause between API requests; default 6 s without a key (as NVD asks), 0.6 s with one
     */
    public record Nvd(URI apiUrl, List<URI> urls, List<Path> paths, String apiKey, Duration requestInterval) {
        public Nvd {
            urls = urls == null ? List.of() : List.copyOf(urls);
            paths = paths == null ? List.of() : List.copyOf(paths);
        }

        public boolean configured() {
            return apiUrl != null || !urls.isEmpty() || !paths.isEmpty();
        }

        public Duration pause() {
            if (requestInterval != null) {
                return requestInterval;
            }
            return apiKey == null || apiKey.isBlank() ? Duration.ofSeconds(6) : Duration.ofMillis(600);
        }
    }

    /**
     * A source that is one file: a URL (fetched conditionally) or a local path.
     *
     * @param url  e.g. {@code https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json},
     *             {@code https://epss.empiricalsecurity.com/epss_scores-current.csv.gz}
     * @param path the same file on disk
     */
    public record Single(URI url, Path path) {
        public boolean configured() {
            return url != null || path != null;
        }

        public String location() {
            return url != null ? url.toString() : String.valueOf(path);
        }
    }
}
