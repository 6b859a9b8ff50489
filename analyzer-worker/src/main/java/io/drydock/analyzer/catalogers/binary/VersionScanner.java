package io.drydock.analyzer.catalogers.binary;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the first match of a pattern in a file's bytes without holding the file: the content streams through a
 * window of {@link #CHUNK_BYTES}, each window starting with the last {@link #OVERLAP_BYTES} of the one before, so a
 * match up to that length is found even when it straddles two reads. Bytes map one to one onto characters
 * (ISO-8859-1), so patterns may name any byte ({@code \x00}). Patterns must not match more than
 * {@link #OVERLAP_BYTES} characters: bounded repetitions only.
 */
public final class VersionScanner {

    static final int CHUNK_BYTES = 1024 * 1024;
    static final int OVERLAP_BYTES = 256;

    private VersionScanner() {
    }

    /**
     * The first group of the first match within the first {@code maxBytes} bytes of the stream (group 0 when the
     * pattern has no groups), or empty.
     */
    public static Optional<String> find(InputStream in, Pattern pattern, long maxBytes) throws IOException {
        byte[] window = new byte[OVERLAP_BYTES + CHUNK_BYTES];
        int carried = 0;
        long scanned = 0;
        while (scanned < maxBytes) {
            int want = (int) Math.min(CHUNK_BYTES, maxBytes - scanned);
            int read = in.readNBytes(window, carried, want);
            if (read <= 0) {
                return Optional.empty();
            }
            scanned += read;
            int length = carried + read;
            Matcher matcher = pattern.matcher(new String(window, 0, length, StandardCharsets.ISO_8859_1));
            if (matcher.find()) {
                return Optional.of(matcher.groupCount() == 0 ? matcher.group() : firstGroup(matcher));
            }
            carried = Math.min(OVERLAP_BYTES, length);
            System.arraycopy(window, length - carried, window, 0, carried);
        }
        return Optional.empty();
    }

    /** The first group that took part in the match: alternatives each capture the version in their own group. */
    private static String firstGroup(Matcher matcher) {
        for (int i = 1; i <= matcher.groupCount(); i++) {
            if (matcher.group(i) != null) {
                return matcher.group(i);
            }
        }
        return matcher.group();
    }
}
