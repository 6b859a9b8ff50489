package io.drydock.platform.objectstore;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

/**
 * Where uploaded image archives are kept until they are no longer referenced: a directory in the all-in-one, a
 * directory shared by the services (a volume) when they run apart. Keys are slash-separated lower-case paths.
 *
 * <p>A {@link #put} is atomic: readers see the whole object or none. There is no partial update of an object.
 */
public interface ObjectStore {

    /** What a key may look like: segments of {@code [a-z0-9._-]}, none of them {@code .} or {@code ..}. */
    Pattern KEY = Pattern.compile("(?!.*(?:^|/)\\.{1,2}(?:/|$))[a-z0-9._-]+(?:/[a-z0-9._-]+)*");

    /**
     * Stores {@code content} under {@code key}, replacing what was there.
     *
     * @param maxBytes the largest object accepted; more fails with {@link ObjectTooLargeException} and stores nothing
     * @return the number of bytes stored
     */
    long put(String key, InputStream content, long maxBytes) throws IOException;

    /** @throws java.nio.file.NoSuchFileException when nothing is stored under {@code key} */
    InputStream open(String key) throws IOException;

    boolean exists(String key) throws IOException;

    /** The names of the next key segments under {@code prefix} (like a directory listing); empty when there are none. */
    java.util.List<String> children(String prefix) throws IOException;

    /** Removes every object whose key starts with {@code prefix + "/"}; removing nothing is fine. */
    void deleteAll(String prefix) throws IOException;

    static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not an object key: '" + key + "'");
        }
        return key;
    }
}
