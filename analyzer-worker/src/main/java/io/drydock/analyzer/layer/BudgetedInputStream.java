package io.drydock.analyzer.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.LongConsumer;

/** Reports every byte read to a budget, which throws when a limit is passed: the guard against decompression bombs. */
final class BudgetedInputStream extends FilterInputStream {

    private final LongConsumer budget;

    BudgetedInputStream(InputStream in, LongConsumer budget) {
        super(in);
        this.budget = budget;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            budget.accept(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            budget.accept(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Skipping would bypass the count; reading through the decompressor is needed anyway.
        byte[] scratch = new byte[(int) Math.min(8192, Math.max(n, 0))];
        long skipped = 0;
        while (skipped < n) {
            int read = read(scratch, 0, (int) Math.min(scratch.length, n - skipped));
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
}
