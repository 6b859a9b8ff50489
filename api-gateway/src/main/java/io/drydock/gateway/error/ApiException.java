package io.drydock.gateway.error;

import java.util.List;
import java.util.Map;

/**
 * An error answered in Anchore's shape: {@code {"message", "httpcode", "detail": {"error_codes": [...], ...}}}.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final Map<String, Object> detail;

    public ApiException(int status, String message, Map<String, Object> detail) {
        super(message);
        this.status = status;
        this.detail = detail == null ? Map.of() : detail;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message, Map.of());
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message, Map.of());
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, message, Map.of());
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message, Map.of());
    }

    /** An error with an Anchore error code, e.g. {@code REGISTRY_NOT_ACCESSIBLE}. */
    public static ApiException withCode(int status, String message, String errorCode) {
        return new ApiException(status, message, Map.of("error_codes", List.of(errorCode)));
    }

    public int status() {
        return status;
    }

    public Map<String, Object> detail() {
        return detail;
    }
}
