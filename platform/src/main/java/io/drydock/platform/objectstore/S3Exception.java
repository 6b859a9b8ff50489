package io.drydock.platform.objectstore;

import java.io.IOException;

/** An S3 request the server refused, with the S3 error code (e.g. {@code AccessDenied}) and its message. */
public class S3Exception extends IOException {

    private final int status;
    private final String code;

    public S3Exception(String operation, int status, String code, String message) {
        super("S3 " + operation + " failed: HTTP " + status
                + (code == null ? "" : " " + code) + (message == null || message.isBlank() ? "" : ": " + message));
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    /** The {@code <Code>} of S3's error body; null when it sent none (a HEAD request, a proxy's error page). */
    public String code() {
        return code;
    }
}
