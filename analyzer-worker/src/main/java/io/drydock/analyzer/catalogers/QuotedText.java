package io.drydock.analyzer.catalogers;

/** Skipping quoted strings while scanning a line of a manifest for its structure (comments, brackets). */
public final class QuotedText {

    private QuotedText() {
    }

    /**
     * The index just past the string that opens at {@code open} (a {@code "} string honours backslash escapes, any
     * other quote character ends at its next occurrence), or the line's length when the string is not closed.
     */
    public static int skip(String line, int open) {
        char quote = line.charAt(open);
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                return i + 1;
            }
        }
        return line.length();
    }
}
