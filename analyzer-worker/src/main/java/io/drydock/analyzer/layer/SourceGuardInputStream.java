package io.drydock.analyzer.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Remembers a failure of the layer source itself (network, the caller's digest check), so that it can be told apart
 * from a corrupt blob: the first is the caller's to handle or retry, the second fails the analysis for good.
 */
final class SourceGuardInputStream extends FilterInputStream {

    private IOException ioFailure;
    private RuntimeException runtimeFailure;

    SourceGuardInputStream(InputStream in) {
        super(in);
    }

    /** Rethrows the source's own failure, if it had one. */
    void rethrowSourceFailure() throws IOException {
        if (ioFailure != null) {
            throw ioFailure;
        }
        if (runtimeFailure != null) {
            throw runtimeFailure;
        }
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            ioFailure = e;
            throw e;
        } catch (RuntimeException e) {
            runtimeFailure = e;
            throw e;
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            ioFailure = e;
            throw e;
        } catch (RuntimeException e) {
            runtimeFailure = e;
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        try {
            return super.skip(n);
        } catch (IOException e) {
            ioFailure = e;
            throw e;
        } catch (RuntimeException e) {
            runtimeFailure = e;
            throw e;
        }
    }
}
