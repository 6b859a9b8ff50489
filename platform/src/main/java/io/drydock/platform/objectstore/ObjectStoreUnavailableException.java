package io.drydock.platform.objectstore;

/** The service has no object store configured, so it cannot keep or read archives. */
public class ObjectStoreUnavailableException extends IllegalStateException {

    public ObjectStoreUnavailableException(String message) {
        super(message);
    }
}
