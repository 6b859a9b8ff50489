package io.drydock.testkit.http;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.UUID;

/** A {@code multipart/form-data} request body carrying one file, streamed from disk. */
public record Multipart(String contentType, HttpRequest.BodyPublisher body) {

    public static Multipart file(String field, Path file) {
        String boundary = "drydock-" + UUID.randomUUID();
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        String tail = "\r\n--" + boundary + "--\r\n";
        try {
            return new Multipart("multipart/form-data; boundary=" + boundary, HttpRequest.BodyPublishers.concat(
                    HttpRequest.BodyPublishers.ofString(head), HttpRequest.BodyPublishers.ofFile(file),
                    HttpRequest.BodyPublishers.ofString(tail)));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }
}
