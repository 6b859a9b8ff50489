package io.drydock.analyzer.worker;

/**
 * Makes text from an image storable in PostgreSQL, which refuses the NUL character in {@code text} columns and the
 * {@code \u0000} escape in {@code jsonb}. Image content can carry NUL anywhere (a config label, a package database
 * field), and one such byte must not turn a finished analysis into a failed insert.
 */
final class StoredText {

    /** What a NUL becomes: the character Unicode reserves for a value that could not be represented. */
    static final char REPLACEMENT = '\uFFFD';

    private StoredText() {
    }

    static String text(String value) {
        return value == null ? null : value.replace('\0', REPLACEMENT);
    }

    /**
     * Replaces every {@code \u0000} escape in a JSON document written by Jackson (which escapes NUL that way and
     * never writes it raw). An escape is one only when the backslash before it is not itself escaped, so the
     * document is scanned escape by escape rather than searched.
     */
    static String json(String document) {
        if (!document.contains("\\u0000")) {
            return document;
        }
        StringBuilder out = new StringBuilder(document.length());
        int i = 0;
        while (i < document.length()) {
            char c = document.charAt(i);
            if (c != '\\' || i + 1 >= document.length()) {
                out.append(c);
                i++;
            } else if (document.startsWith("u0000", i + 1)) {
                out.append("\\ufffd");
                i += 6;
            } else {
                out.append(c).append(document.charAt(i + 1));
                i += 2;
            }
        }
        return out.toString();
    }
}
