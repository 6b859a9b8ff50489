package io.drydock.feeds.source;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One file of a feed source fetched over HTTP(S) into a temp file: conditionally when validators of the previous
 * download are known (a {@code 304} means nothing changed), bounded by a timeout for the whole exchange, and checked
 * against the announced length so that a cut connection is never taken for a complete file.
 */
public final class SourceDownload {

    private final HttpClient http;
    private final Duration readTimeout;
    private final Duration downloadTimeout;

    public SourceDownload(HttpClient http, Duration readTimeout, Duration downloadTimeout) {
        this.http = http;
        this.readTimeout = readTimeout;
        this.downloadTimeout = downloadTimeout;
    }

    /** Validators of a previous download; either may be null. */
    public record Validators(String etag, String lastModified) {
        public static final Validators NONE = new Validators(null, null);
    }

    /**
     * The result: {@code file} is null when the source answered 304; otherwise the caller owns (and deletes) it.
     */
    public record Result(Path file, Validators validators) {
        public boolean notModified() {
            return file == null;
        }
    }

    public Result fetch(URI url, Validators previous, String suffix) throws FeedSourceException,
            InterruptedException {
        Path file;
        try {
            file = Files.createTempFile("drydock-feed-", suffix);
        } catch (IOException e) {
            throw new FeedSourceException("no temp file for " + url + ": " + e.getMessage(), e);
        }
        boolean handedOver = false;
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(url).GET().timeout(readTimeout)
                    .header("User-Agent", "Drydock feed-worker");
            if (previous.etag() != null) {
                request.header("If-None-Match", previous.etag());
            }
            if (previous.lastModified() != null) {
                request.header("If-Modified-Since", previous.lastModified());
            }
            HttpResponse<Path> response = send(request.build(), HttpResponse.BodyHandlers.ofFile(file));
            if (response.statusCode() == 304 && (previous.etag() != null || previous.lastModified() != null)) {
                return new Result(null, previous);
            }
            if (response.statusCode() != 200) {
                throw new FeedSourceException("GET " + url + " answered HTTP " + response.statusCode());
            }
            long size = Files.size(file);
            OptionalLong expected = response.headers().firstValueAsLong("Content-Length");
            if (expected.isPresent() && expected.getAsLong() != size) {
                throw new FeedSourceException("download of " + url + " is incomplete: " + size + " of "
                        + expected.getAsLong() + " bytes");
            }
            handedOver = true;
            return new Result(file, validators(response.headers()));
        } catch (IOException e) {
            throw new FeedSourceException("download of " + url + " failed: " + e.getMessage(), e);
        } finally {
            if (!handedOver) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // left in the temp directory
                }
            }
        }
    }

    /** One exchange, body included, bounded by the download timeout as a whole. */
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body)
            throws FeedSourceException, InterruptedException {
        URI url = request.uri();
        CompletableFuture<HttpResponse<T>> exchange = http.sendAsync(request, body);
        try {
            return exchange.get(downloadTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new FeedSourceException("download of " + url + " took longer than " + downloadTimeout
                    + " (drydock.feeds.download-timeout)", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new FeedSourceException("request to " + url + " failed: "
                    + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()), cause);
        } catch (InterruptedException e) {
            exchange.cancel(true);
            throw e;
        }
    }

    private static Validators validators(HttpHeaders headers) {
        return new Validators(headers.firstValue("ETag").orElse(null),
                headers.firstValue("Last-Modified").orElse(null));
    }
}
