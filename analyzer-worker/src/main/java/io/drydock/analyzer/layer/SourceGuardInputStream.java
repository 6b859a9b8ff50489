package io.drydock.analyzer.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers a failure of the layer source itself (network, the caller's digest check), so that it can be told apart
 * from a corrupt blob: the first is the caller's to handle or retry, the second fails the analysis for good.
 */
final class SourceGuardInputStream extends FilterInputStream {

    @FunctionalInterface
    private interface Read {
        long run() throws IOException;
    }

    private Exception failure;

    SourceGuardInputStream(InputStream in) {
        super(in);
    }

    /** Rethrows the source's own failure, if it had one. */
    void rethrowSourceFailure() throws IOException {
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
    }

    @Override
    public int read() throws IOException {
        return (int) guarded(super::read);
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        return (int) guarded(() -> super.read(buffer, offset, length));
    }

    @Override
    public long skip(long n) throws IOException {
        return guarded(() -> super.skip(n));
    }

    private long guarded(Read read) throws IOException {
        try {
            return read.run();
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw e;
        }
    }
}
