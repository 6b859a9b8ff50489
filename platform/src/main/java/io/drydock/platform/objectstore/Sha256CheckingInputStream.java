package io.drydock.platform.objectstore;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Hashes what passes through and, when an expected digest is given, fails the read that reaches the end if the
 * content does not have it — so a copy or a reader never takes corrupt content for complete.
 */
public final class Sha256CheckingInputStream extends FilterInputStream {

    private final MessageDigest sha256;
    private final String expected;
    private final String what;
    private String digest;
    private long count;

    /**
     * @param expected {@code sha256:<hex>}, or null to only compute the digest ({@link #digest()} after the end)
     * @param what     names the content in the error message
     */
    public Sha256CheckingInputStream(InputStream in, String expected, String what) {
        super(in);
        if (expected != null && !expected.startsWith("sha256:")) {
            throw new IllegalArgumentException("only sha256 digests are supported here: " + expected);
        }
        this.expected = expected;
        this.what = what;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JDK", e);
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            end();
        } else {
            sha256.update((byte) b);
            count++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            end();
        } else {
            sha256.update(buffer, offset, n);
            count += n;
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipped bytes must be hashed too: read them.
        long skipped = 0;
        byte[] buffer = new byte[8192];
        while (skipped < n) {
            int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (r < 0) {
                break;
            }
            skipped += r;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The digest of everything read, once the end was reached; null before. */
    public String digest() {
        return digest;
    }

    /** Bytes read so far. */
    public long count() {
        return count;
    }

    private void end() throws IOException {
        if (digest != null) {
            return;
        }
        digest = "sha256:" + HexFormat.of().formatHex(sha256.digest());
        if (expected != null && !expected.equals(digest)) {
            throw new ContentDigestMismatchException(what + " has digest " + digest + ", expected " + expected);
        }
    }

    /** Content that is not what its digest says. */
    public static final class ContentDigestMismatchException extends IOException {

        public ContentDigestMismatchException(String message) {
            super(message);
        }
    }
}
