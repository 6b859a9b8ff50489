package io.drydock.feeds.source.nvd;

import io.drydock.feeds.source.FeedSourceException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pages through NVD's CVE API 2.0 ({@code https://services.nvd.nist.gov/rest/json/cves/2.0} or a mirror of it) and
 * keeps every page in a file, so that nothing is written to the database until the whole download succeeded.
 *
 * <p>The API's rules, from its documentation: at most 2,000 results per page, paged by {@code startIndex}; an
 * incremental query names both {@code lastModStartDate} and {@code lastModEndDate}, at most 120 days apart; without an
 * API key five requests per rolling 30 seconds are allowed (NVD asks clients to pause six seconds between requests),
 * with one (sent as the {@code apiKey} header) fifty. Throttled requests are answered 403 or 429 and are retried
 * after a back-off.
 */
public final class NvdApiClient {

    /** The API's largest page. */
    public static final int PAGE_SIZE = 2000;
    /** The API's longest lastModified window. */
    public static final Duration MAX_WINDOW = Duration.ofDays(120);

    private static final int ATTEMPTS = 6;
    private static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX")
            .withZone(ZoneOffset.UTC);

    private final HttpClient http;
    private final URI base;
    private final String apiKey;
    private final Duration pause;
    private final Duration readTimeout;
    private final NvdCveParser parser;
    private final Pacer pacer;

    /** Waits between requests; tests pass one that does not wait. */
    @FunctionalInterface
    public interface Pacer {
        void pause(Duration duration) throws InterruptedException;

        /** Waits for real: the rate limit is NVD's, not ours to skip. */
        Pacer SLEEP = duration -> Thread.sleep(duration);
    }

    /**
     * @param apiKey      NVD API key; null or blank for none (and the slow rate)
     * @param pause       pause between requests; NVD asks for six seconds without a key
     */
    public NvdApiClient(HttpClient http, URI base, String apiKey, Duration pause, Duration readTimeout,
                        NvdCveParser parser, Pacer pacer) {
        this.http = Objects.requireNonNull(http, "http");
        this.base = Objects.requireNonNull(base, "base");
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        this.pause = Objects.requireNonNull(pause, "pause");
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.pacer = Objects.requireNonNull(pacer, "pacer");
    }

    /**
     * Downloads the CVEs modified since {@code since} (every CVE when null) up to {@code until} into {@code directory},
     * one file per page, in order.
     *
     * @throws FeedSourceException when the API answers with an error that retrying does not cure, or a page is
     *                                  not NVD CVE JSON or disagrees with the others about the total
     */
    public List<Path> download(Instant since, Instant until, Path directory)
            throws FeedSourceException, IOException, InterruptedException {
        List<Path> pages = new ArrayList<>();
        if (since == null) {
            fetchWindow(null, null, directory, pages);
            return pages;
        }
        Instant start = since;
        while (start.isBefore(until)) {
            Instant end = start.plus(MAX_WINDOW).isBefore(until) ? start.plus(MAX_WINDOW) : until;
            fetchWindow(start, end, directory, pages);
            start = end;
        }
        return pages;
    }

    private void fetchWindow(Instant start, Instant end, Path directory, List<Path> pages)
            throws FeedSourceException, IOException, InterruptedException {
        int startIndex = 0;
        int expectedTotal = -1;
        while (true) {
            URI uri = page(start, end, startIndex);
            Path file = directory.resolve("nvd-page-" + pages.size() + ".json");
            fetch(uri, file);
            NvdCveParser.Page page;
            try (InputStream in = Files.newInputStream(file)) {
                page = parser.parse(in, uri.toString(), cve -> { });
            }
            if (expectedTotal >= 0 && page.totalResults() != expectedTotal) {
                // the data changed between pages; a sync from a moving target would miss records
                throw new FeedSourceException(uri + ": the total changed from " + expectedTotal + " to "
                        + page.totalResults() + " while paging; the next sync retries");
            }
            expectedTotal = page.totalResults();
            pages.add(file);
            startIndex += page.records();
            if (page.records() == 0 || startIndex >= page.totalResults()) {
                return;
            }
        }
    }

    private URI page(Instant start, Instant end, int startIndex) {
        StringBuilder query = new StringBuilder("resultsPerPage=").append(PAGE_SIZE).append("&startIndex=")
                .append(startIndex);
        if (start != null) {
            query.append("&lastModStartDate=").append(encode(API_TIME.format(start)))
                    .append("&lastModEndDate=").append(encode(API_TIME.format(end)));
        }
        String separator = base.getRawQuery() == null ? "?" : "&";
        return URI.create(base + separator + query);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private void fetch(URI uri, Path file) throws FeedSourceException, IOException, InterruptedException {
        Duration backOff = pause.isZero() ? Duration.ofSeconds(6) : pause;
        for (int attempt = 1; ; attempt++) {
            pacer.pause(pause);
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(readTimeout)
                    .header("Accept", "application/json").GET();
            if (apiKey != null) {
                request.header("apiKey", apiKey);
            }
            HttpResponse<Path> response = http.send(request.build(), HttpResponse.BodyHandlers.ofFile(file));
            int status = response.statusCode();
            if (status == 200) {
                return;
            }
            boolean retryable = status == 403 || status == 429 || status >= 500;
            if (!retryable || attempt == ATTEMPTS) {
                throw new FeedSourceException(uri + " answered " + status + (retryable
                        ? " " + ATTEMPTS + " times" : "") + errorMessage(response));
            }
            pacer.pause(retryAfter(response).orElse(backOff));
            backOff = backOff.multipliedBy(2);
        }
    }

    /** NVD explains an error in its {@code message} header. */
    private static String errorMessage(HttpResponse<?> response) {
        return response.headers().firstValue("message").map(m -> ": " + m).orElse("");
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(value -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.min(300, Long.parseLong(value.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }
}
