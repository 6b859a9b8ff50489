package io.drydock.platform.objectstore;

import java.io.IOException;

/** An object bigger than its writer allowed; nothing of it was stored. */
public class ObjectTooLargeException extends IOException {

    public ObjectTooLargeException(String key, long maxBytes) {
        super("object " + key + " is larger than the limit of " + maxBytes + " bytes");
    }
}
