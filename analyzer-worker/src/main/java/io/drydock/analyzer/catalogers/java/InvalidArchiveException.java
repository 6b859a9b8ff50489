package io.drydock.analyzer.catalogers.java;

import java.io.IOException;

/** A Java archive, or an entry of one, that is corrupt or exceeds a limit: that archive is skipped with a warning. */
final class InvalidArchiveException extends IOException {

    InvalidArchiveException(String message) {
        super(message);
    }
}
