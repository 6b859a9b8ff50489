package io.drydock.platform.registry;

import java.io.IOException;
import java.io.InputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blob's body that survives its connection breaking: on an {@link IOException} mid-stream it asks for the rest
 * (through a {@link Reopener}) and carries on from where it was, a bounded number of times. It also holds the blob to
 * the size its descriptor declares, so that a manifest that lies about sizes cannot make a reader read forever.
 *
 * <p>Sits under {@link DigestVerifyingInputStream}: the digest is computed over the bytes as this stream delivers them,
 * whichever responses they came from.
 */
final class ResumingBlobStream extends InputStream {

    private static final Logger log = LoggerFactory.getLogger(ResumingBlobStream.class);

    /** Opens the blob again, positioned at {@code offset}; {@code resume} counts from 1. */
    @FunctionalInterface
    interface Reopener {
        InputStream reopen(long offset, int resume) throws IOException;
    }

    private final String what;
    private final long expectedSize;
    private final int maxResumes;
    private final Reopener reopener;
    private InputStream current;
    private long position;
    private int resumes;

    /**
     * @param what         the blob, for messages ("blob sha256:… of registry/repository")
     * @param expectedSize the size its descriptor declares; negative when unknown
     */
    ResumingBlobStream(String what, InputStream first, long expectedSize, int maxResumes, Reopener reopener) {
        this.what = what;
        this.current = first;
        this.expectedSize = expectedSize;
        this.maxResumes = maxResumes;
        this.reopener = reopener;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        int n = readResuming(buffer, offset, length);
        if (n < 0) {
            if (expectedSize >= 0 && position < expectedSize) {
                throw new RegistryException(RegistryErrorCode.REGISTRY_NOT_SUPPORTED, what
                        + " is smaller than its descriptor says (" + expectedSize + " bytes): it ended after " + position);
            }
            return n;
        }
        position += n;
        if (expectedSize >= 0 && position > expectedSize) {
            throw new RegistryException(RegistryErrorCode.REGISTRY_NOT_SUPPORTED, what
                    + " is larger than its descriptor says (" + expectedSize + " bytes)");
        }
        return n;
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
        }
    }

    private int readResuming(byte[] buffer, int offset, int length) throws IOException {
        while (true) {
            try {
                if (current == null) {
                    current = reopener.reopen(position, resumes);
                }
                return current.read(buffer, offset, length);
            } catch (IOException e) {
                if (resumes >= maxResumes) {
                    throw new RegistryException(RegistryErrorCode.REGISTRY_NOT_ACCESSIBLE, what + " broke off at byte "
                            + position + (expectedSize >= 0 ? " of " + expectedSize : "")
                            + (maxResumes == 0 ? "" : " and " + maxResumes + " resumes did not complete it") + ": " + e, e);
                }
                resumes++;
                log.info("Download of {} broke off at byte {}; resuming ({} of {}): {}", what, position, resumes,
                        maxResumes, e.toString());
                closeQuietly(current);
                current = null;
            }
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            // The connection is already broken; nothing more to learn from closing it.
        }
    }
}
