package io.drydock.platform.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Passes a blob through while hashing it and, when the end is reached, fails the read that would report EOF if the
 * content does not have the expected digest, so that a reader never takes a corrupt or substituted blob for complete.
 */
final class DigestVerifyingInputStream extends FilterInputStream {

    private final String expectedDigest;
    private final MessageDigest messageDigest;
    private boolean verified;

    DigestVerifyingInputStream(InputStream in, String expectedDigest) {
        super(in);
        this.expectedDigest = expectedDigest;
        this.messageDigest = Digests.messageDigest(expectedDigest);
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b < 0) {
            verify();
        } else {
            messageDigest.update((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n < 0) {
            verify();
        } else {
            messageDigest.update(buffer, offset, n);
        }
        return n;
    }

    // Skipped bytes must still be hashed, so skip by reading.
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[8192];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // No mark: re-reading after a reset would hash bytes twice; markSupported() says so.
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }

    private void verify() {
        if (verified) {
            return;
        }
        verified = true;
        String actual = Digests.algorithm(expectedDigest) + ":" + HexFormat.of().formatHex(messageDigest.digest());
        if (!actual.equals(expectedDigest)) {
            throw new RegistryException(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE,
                    "blob " + expectedDigest + " digest mismatch: the registry served content with digest " + actual);
        }
    }
}
