package io.drydock.gateway.error;

import io.drydock.platform.registry.InvalidImageReferenceException;
import io.drydock.platform.secrets.SecretUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

import java.util.LinkedHashMap;
import java.util.Map;

/** Every error leaves the API in Anchore's error body, never as an HTML page or a stack trace. */
@RestControllerAdvice
public class ApiErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Map<String, Object>> api(ApiException e) {
        return body(e.status(), e.getMessage(), e.detail());
    }

    @ExceptionHandler({HttpMessageNotReadableException.class, MissingServletRequestParameterException.class,
            MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> badRequest(Exception e) {
        String message = e instanceof HttpMessageNotReadableException ? "request body is not valid JSON" : e.getMessage();
        return body(400, message, Map.of());
    }

    /** A pull string in a query parameter (e.g. {@code fulltag}, {@code tag}) that names no image is the caller's error. */
    @ExceptionHandler(InvalidImageReferenceException.class)
    ResponseEntity<Map<String, Object>> invalidReference(InvalidImageReferenceException e) {
        return body(400, e.getMessage(), Map.of());
    }

    /** A stored secret the configured keys cannot open: the operator's to fix, so the message says which key. */
    @ExceptionHandler(SecretUnavailableException.class)
    ResponseEntity<Map<String, Object>> secretUnavailable(SecretUnavailableException e) {
        log.error("A stored secret cannot be decrypted; {}", e.getMessage());
        return body(500, e.getMessage(), Map.of());
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> noRoute(NoResourceFoundException e) {
        return body(404, "Resource " + e.getResourcePath() + " not found", Map.of());
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> method(HttpRequestMethodNotSupportedException e) {
        return body(405, e.getMessage(), Map.of());
    }

    @ExceptionHandler(org.springframework.web.HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> mediaType(org.springframework.web.HttpMediaTypeNotSupportedException e) {
        return body(415, e.getMessage(), Map.of("supported", e.getSupportedMediaTypes().stream().map(Object::toString).toList()));
    }

    /** An upload larger than the largest image accepted ({@code drydock.archive.max-compressed-bytes}). */
    @ExceptionHandler(org.springframework.web.multipart.MaxUploadSizeExceededException.class)
    ResponseEntity<Map<String, Object>> tooLarge(org.springframework.web.multipart.MaxUploadSizeExceededException e) {
        return body(413, "the upload is larger than the largest image accepted (" + e.getMaxUploadSize() + " bytes)", Map.of());
    }

    @ExceptionHandler(org.springframework.web.multipart.MultipartException.class)
    ResponseEntity<Map<String, Object>> multipart(org.springframework.web.multipart.MultipartException e) {
        return body(400, "malformed multipart upload: " + e.getMessage(), Map.of());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e) {
        log.error("Request failed unexpectedly", e);
        return body(500, "internal error: " + e.getClass().getSimpleName(), Map.of());
    }

    static ResponseEntity<Map<String, Object>> body(int status, String message, Map<String, Object> detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("message", message);
        body.put("httpcode", status);
        body.put("detail", detail);
        return ResponseEntity.status(status).body(body);
    }
}
