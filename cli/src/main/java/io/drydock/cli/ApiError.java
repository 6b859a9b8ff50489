package io.drydock.cli;

import tools.jackson.databind.JsonNode;

/**
 * The API refused a request: its status and Anchore's error body {@code {message, httpcode, detail}} (§0.3), or the
 * raw text when the body is not one (the plain {@code Unauthorized} of a 401).
 */
public final class ApiError extends RuntimeException {

    private final int status;
    private final JsonNode detail;

    public ApiError(int status, String message, JsonNode detail) {
        super(message);
        this.status = status;
        this.detail = detail;
    }

    public int status() {
        return status;
    }

    /** The body's {@code detail}, or null when it has none or it is empty. */
    public JsonNode detail() {
        return detail;
    }
}
