package io.drydock.platform.catalog;

import java.util.regex.Pattern;

/** A content digest of an image manifest, {@code sha256:<64 hex>}. */
public record ImageDigest(String value) {

    private static final Pattern FORMAT = Pattern.compile("sha256:[0-9a-f]{64}");

    public ImageDigest {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("not an image digest (sha256:<64 hex>): " + value);
        }
    }

    public static ImageDigest of(String value) {
        return new ImageDigest(value);
    }

    public static boolean isDigest(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    /** The 64 hex digits without the algorithm. */
    public String hex() {
        return value.substring("sha256:".length());
    }

    @Override
    public String toString() {
        return value;
    }
}
