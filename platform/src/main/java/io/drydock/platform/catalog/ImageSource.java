package io.drydock.platform.catalog;

import java.util.Locale;

/** Where an image's content is read from when it is analysed. */
public enum ImageSource {

    /** Pulled from the registry its tag names, with the account's credentials. */
    REGISTRY,
    /** An archive uploaded through the API, kept in the object store under the image digest. */
    ARCHIVE;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ImageSource fromWire(String value) {
        return value == null ? REGISTRY : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
