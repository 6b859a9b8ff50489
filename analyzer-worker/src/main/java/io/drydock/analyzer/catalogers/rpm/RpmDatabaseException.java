package io.drydock.analyzer.catalogers.rpm;

/** An rpm database or one of its package headers is malformed, truncated or uses a feature Drydock does not read. */
final class RpmDatabaseException extends RuntimeException {

    RpmDatabaseException(String message) {
        super(message);
    }
}
