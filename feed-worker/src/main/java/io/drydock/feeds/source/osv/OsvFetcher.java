package io.drydock.feeds.source.osv;

import io.drydock.feeds.FeedProperties;
import io.drydock.feeds.FeedProperties.Source;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Gets the records of one OSV source onto local disk: a local zip or directory as it is; an {@code all.zip} URL with
 * a conditional GET (a {@code 304} means nothing changed); a directory-style URL incrementally from its
 * {@code modified_id.csv} when there is a cursor, otherwise from its {@code all.zip}. Downloads stream to a temp file
 * and are checked for completeness before anything reads them.
 */
public class OsvFetcher {

    private static final Logger log = LoggerFactory.getLogger(OsvFetcher.class);

    private final HttpClient http;
    private final FeedProperties properties;

    public OsvFetcher(HttpClient http, FeedProperties properties) {
        this.http = http;
        this.properties = properties;
    }

    /**
     * What the sync knows from its previous success with this source.
     *
     * @param full         fetch everything (a flush, a first sync, a group whose data must be rebuilt)
     * @param cursor       the oldest of the newest {@code modified} times of the source's groups; null forces full
     * @param etag         validator of the previous download ({@code all.zip}, or {@code modified_id.csv})
     * @param lastModified validator of the previous download
     */
    public record Previous(boolean full, Instant cursor, String etag, String lastModified) {
    }

    /** What came back. */
    public sealed interface Fetched permits NotModified, Fetched.Records {

        /**
         * Records to validate and store.
         *
         * @param full         the complete set of the source's records: stored records missing from it are removed
         * @param etag         validators to send next time, null when none apply
         * @param lastModified validators to send next time
         */
        record Records(RecordSet records, boolean full, String etag, String lastModified) implements Fetched {
        }
    }

    /** The source answered 304: nothing changed since the previous download. */
    public record NotModified() implements Fetched {
    }

    public Fetched fetch(Source source, Previous previous) throws FeedSourceException, InterruptedException {
        if (source.path() != null) {
            return local(source.path());
        }
        if (!source.isDirectoryUrl()) {
            return archive(source.url(), conditional(previous));
        }
        URI base = directory(source.url());
        if (previous.full() || previous.cursor() == null) {
            Fetched.Records all = (Fetched.Records) archive(base.resolve("all.zip"), null);
            // The index's validators are what the next (incremental) sync sends; the archive's would never match.
            return new Fetched.Records(all.records(), true, null, null);
        }
        return incremental(base, previous);
    }

    private Fetched local(Path path) throws FeedSourceException {
        if (Files.isDirectory(path)) {
            return new Fetched.Records(DirectoryRecordSet.open(path, false, properties.maxRecordBytes(), properties.maxRecords()),
                    true, null, null);
        }
        if (!Files.isRegularFile(path)) {
            throw new FeedSourceException(path + " is neither a zip archive nor a directory of OSV records");
        }
        return new Fetched.Records(ZipRecordSet.open(path, false, properties.maxRecordBytes(), properties.maxRecords()),
                true, null, null);
    }

    private static Previous conditional(Previous previous) {
        return previous.full() ? null : previous;
    }

    private Fetched archive(URI url, Previous validators) throws FeedSourceException, InterruptedException {
        Path file;
        try {
            file = Files.createTempFile("drydock-osv-", ".zip");
        } catch (IOException e) {
            throw new FeedSourceException("no temp file for " + url + ": " + e.getMessage(), e);
        }
        boolean handedOver = false;
        try {
            HttpResponse<Path> response = await(url, http.sendAsync(request(url, validators),
                    HttpResponse.BodyHandlers.ofFile(file)));
            if (response.statusCode() == 304 && validators != null) {
                log.info("{} not modified since the previous sync", url);
                return new NotModified();
            }
            requireOk(url, response.statusCode());
            long size = Files.size(file);
            OptionalLong expected = response.headers().firstValueAsLong("Content-Length");
            if (expected.isPresent() && expected.getAsLong() != size) {
                throw new FeedSourceException("download of " + url + " is incomplete: " + size + " of "
                        + expected.getAsLong() + " bytes");
            }
            ZipRecordSet records = ZipRecordSet.open(file, true, properties.maxRecordBytes(), properties.maxRecords());
            handedOver = true;
            log.info("Downloaded {} ({} bytes, {} records)", url, size, records.names().size());
            return new Fetched.Records(records, true, etag(response.headers()), lastModified(response.headers()));
        } catch (IOException e) {
            throw new FeedSourceException("download of " + url + " failed: " + e.getMessage(), e);
        } finally {
            if (!handedOver) {
                deleteQuietly(file);
            }
        }
    }

    private Fetched incremental(URI base, Previous previous) throws FeedSourceException, InterruptedException {
        URI index = base.resolve("modified_id.csv");
        List<ModifiedIds.Entry> changed;
        String etag;
        String lastModified;
        try {
            HttpResponse<InputStream> response = await(index, http.sendAsync(request(index, previous),
                    HttpResponse.BodyHandlers.ofInputStream()));
            try (InputStream body = response.body()) {
                if (response.statusCode() == 304) {
                    log.info("{} not modified since the previous sync", index);
                    return new NotModified();
                }
                requireOk(index, response.statusCode());
                etag = etag(response.headers());
                lastModified = lastModified(response.headers());
                changed = ModifiedIds.since(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)),
                        previous.cursor(), properties.maxRecords());
            }
        } catch (IOException e) {
            throw new FeedSourceException("reading " + index + " failed: " + e.getMessage(), e);
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("drydock-osv-");
        } catch (IOException e) {
            throw new FeedSourceException("no temp directory for " + base + ": " + e.getMessage(), e);
        }
        boolean handedOver = false;
        try {
            for (ModifiedIds.Entry entry : changed) {
                URI url = base.resolve(entry.id() + ".json");
                HttpResponse<InputStream> response = await(url, http.sendAsync(request(url, null),
                        HttpResponse.BodyHandlers.ofInputStream()));
                try (InputStream body = response.body()) {
                    requireOk(url, response.statusCode());
                    Files.write(directory.resolve(entry.id() + ".json"),
                            RecordSet.readBounded(body, properties.maxRecordBytes(), url.toString()));
                }
            }
            DirectoryRecordSet records = DirectoryRecordSet.open(directory, true, properties.maxRecordBytes(), properties.maxRecords());
            handedOver = true;
            log.info("{} lists {} records modified since {}", index, changed.size(), previous.cursor());
            return new Fetched.Records(records, false, etag, lastModified);
        } catch (IOException e) {
            throw new FeedSourceException("fetching the records of " + base + " failed: " + e.getMessage(), e);
        } finally {
            if (!handedOver) {
                DirectoryRecordSet.deleteTree(directory);
            }
        }
    }

    private HttpRequest request(URI url, Previous validators) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(properties.readTimeout())
                .header("User-Agent", "Drydock feed-worker");
        if (validators != null) {
            if (validators.etag() != null) {
                request.header("If-None-Match", validators.etag());
            }
            if (validators.lastModified() != null) {
                request.header("If-Modified-Since", validators.lastModified());
            }
        }
        return request.build();
    }

    /** Waits for a whole exchange, body included, at most the download timeout. */
    private <T> HttpResponse<T> await(URI url, CompletableFuture<HttpResponse<T>> exchange)
            throws FeedSourceException, InterruptedException {
        try {
            return exchange.get(properties.downloadTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new FeedSourceException("download of " + url + " took longer than " + properties.downloadTimeout()
                    + " (drydock.feeds.download-timeout)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new FeedSourceException("request to " + url + " failed: " + describe(cause), cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        }
    }

    private static String describe(Throwable cause) {
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static void requireOk(URI url, int status) throws FeedSourceException {
        if (status != 200) {
            throw new FeedSourceException("GET " + url + " answered HTTP " + status);
        }
    }

    private static URI directory(URI url) {
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text : text + "/");
    }

    private static String etag(HttpHeaders headers) {
        return headers.firstValue("ETag").orElse(null);
    }

    private static String lastModified(HttpHeaders headers) {
        return headers.firstValue("Last-Modified").orElse(null);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // Left in the temp directory.
        }
    }
}
