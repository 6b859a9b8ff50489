package io.drydock.analyzer.layer;

import io.drydock.analyzer.AnalysisFailure;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes the tar reader consumes while it looks for the next entry, and fails the layer once they pass the
 * limit. Everything read then is metadata the reader keeps in memory (PAX extended headers, GNU long names, sparse
 * maps) or follows recursively (one nested call per chained header), so an unbounded run of it would exhaust the
 * heap or the stack long before the uncompressed-size limit noticed.
 */
final class HeaderBudgetInputStream extends FilterInputStream {

    private final long limit;
    private final String layerDigest;
    private boolean inHeader;
    private long headerBytes;

    HeaderBudgetInputStream(InputStream in, long limit, String layerDigest) {
        super(in);
        this.limit = limit;
        this.layerDigest = layerDigest;
    }

    /** The reader is about to look for the next entry; entry data must have been skipped before. */
    void startHeader() {
        inHeader = true;
        headerBytes = 0;
    }

    void endHeader() {
        inHeader = false;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        if (skipped > 0) {
            count(skipped);
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void count(long bytes) {
        if (!inHeader) {
            return;
        }
        headerBytes += bytes;
        if (headerBytes > limit) {
            throw new AnalysisFailure("layer " + layerDigest + " has a tar entry with more than " + limit
                    + " bytes of headers (PAX extended headers, GNU long names, sparse maps) (limit)");
        }
    }
}
