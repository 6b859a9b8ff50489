package io.drydock.platform.objectstore;

import java.io.IOException;
import java.io.InputStream;

/**
 * How an uploaded image is laid out in the object store, by image digest: the manifest the image digest names, the
 * index it was chosen from (when there was one) and the config and layer blobs by digest. The manifest is written
 * last, so an image whose manifest exists is complete.
 *
 * <pre>
 * images/&lt;hex&gt;/manifest.json
 * images/&lt;hex&gt;/index.json              (multi-platform archives only)
 * images/&lt;hex&gt;/blobs/sha256/&lt;hex&gt;
 * </pre>
 */
public final class ArchivedImages {

    /** The first key segment of every archived image. */
    public static final String ROOT = "images";

    /**
     * Class of the PostgreSQL advisory lock (with {@code hashtext(digest)}) held by whoever writes or removes an
     * image's objects, so that an upload and the sweep of unreferenced archives never interleave.
     */
    public static final int LOCK_CLASS = 0x64727961;

    private ArchivedImages() {
    }

    /** The image digest an entry of {@link #ROOT} belongs to, or null for anything else. */
    public static String digestOfPrefix(String name) {
        return name.matches("[0-9a-f]{64}") ? "sha256:" + name : null;
    }

    public static String prefix(String imageDigest) {
        return ROOT + "/" + hex(imageDigest);
    }

    public static String manifestKey(String imageDigest) {
        return prefix(imageDigest) + "/manifest.json";
    }

    public static String indexKey(String imageDigest) {
        return prefix(imageDigest) + "/index.json";
    }

    public static String blobKey(String imageDigest, String blobDigest) {
        return prefix(imageDigest) + "/blobs/sha256/" + hex(blobDigest);
    }

    /** Opens a stored blob; the read that reaches its end fails if it no longer has its digest. */
    public static InputStream openBlob(ObjectStore store, String imageDigest, String blobDigest) throws IOException {
        return new Sha256CheckingInputStream(store.open(blobKey(imageDigest, blobDigest)), blobDigest,
                "stored blob " + blobDigest + " of " + imageDigest);
    }

    private static String hex(String digest) {
        if (digest == null || !digest.matches("sha256:[0-9a-f]{64}")) {
            throw new IllegalArgumentException("not a sha256 digest: '" + digest + "'");
        }
        return digest.substring("sha256:".length());
    }
}
