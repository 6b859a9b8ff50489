package io.drydock.analyzer.catalogers.npm;

/**
 * {@code pnpm-lock.yaml}: the keys of its {@code packages} section, in every form pnpm has written them —
 * {@code /name/1.0.0} and {@code /name/1.0.0_peer@2.0.0} (lockfile 5), {@code /name@1.0.0(peer@2.0.0)} (6),
 * {@code name@1.0.0} (9), scoped names alike — and the {@code name}/{@code version} fields that tarball and git
 * dependencies carry. A purpose-built line reader: pnpm writes block mappings indented by two spaces, and nothing
 * here interprets anchors, aliases, tags or flow collections, so no input can make it build more than one small
 * entry at a time.
 */
final class PnpmLockParser {

    private PnpmLockParser() {
    }

    static void parse(String text, LockSink sink) {
        int lockfileMajor = 9;
        boolean inPackages = false;
        int entryIndent = -1;
        Entry entry = null;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            String content = line.strip();
            if (content.isEmpty() || content.startsWith("#")) {
                continue;
            }
            int indent = line.indexOf(content.charAt(0));
            if (indent == 0) {
                add(entry, lockfileMajor, sink);
                entry = null;
                inPackages = content.equals("packages:");
                entryIndent = -1;
                if (content.startsWith("lockfileVersion:")) {
                    lockfileMajor = major(YarnLockParser.unquote(content.substring("lockfileVersion:".length()).strip()));
                }
                continue;
            }
            if (!inPackages) {
                continue;
            }
            if (entryIndent < 0) {
                entryIndent = indent;
            }
            if (indent == entryIndent) {
                add(entry, lockfileMajor, sink);
                entry = new Entry(key(content));
            } else if (entry != null && indent > entryIndent && entry.fieldIndent(indent)) {
                int colon = content.indexOf(": ");
                if (colon > 0) {
                    String field = content.substring(0, colon);
                    String value = YarnLockParser.unquote(content.substring(colon + 2).strip());
                    if (field.equals("name")) {
                        entry.name = value;
                    } else if (field.equals("version")) {
                        entry.version = value;
                    }
                }
            }
        }
        add(entry, lockfileMajor, sink);
    }

    private static void add(Entry entry, int lockfileMajor, LockSink sink) {
        if (entry == null || entry.key == null) {
            return;
        }
        String key = entry.key;
        String name;
        String version;
        if (lockfileMajor < 6 && key.startsWith("/")) {
            // /name/1.0.0_peer@1.0.0 or /@scope/name/1.0.0
            String path = key.substring(1);
            int versionAt = path.indexOf('/', path.startsWith("@") ? path.indexOf('/') + 1 : 0);
            if (versionAt <= 0) {
                return;
            }
            name = path.substring(0, versionAt);
            version = path.substring(versionAt + 1);
            int peers = version.indexOf('_');
            version = peers >= 0 ? version.substring(0, peers) : version;
        } else {
            // /name@1.0.0(peer@1.0.0) or name@1.0.0(peer@1.0.0)
            String spec = key.startsWith("/") ? key.substring(1) : key;
            int peers = spec.indexOf('(');
            spec = peers >= 0 ? spec.substring(0, peers) : spec;
            int at = spec.indexOf('@', 1);
            if (at < 0) {
                name = null;
                version = null;
            } else {
                name = spec.substring(0, at);
                version = spec.substring(at + 1);
            }
        }
        name = entry.name != null ? entry.name : name;
        version = entry.version != null ? entry.version : version;
        sink.add(name, version);
    }

    /** {@code key:}, {@code 'key':} or {@code key: {…}} on one line. */
    private static String key(String line) {
        if (line.startsWith("'") || line.startsWith("\"")) {
            int close = line.indexOf(line.charAt(0), 1);
            return close > 0 && line.startsWith(":", close + 1) ? line.substring(1, close) : null;
        }
        int colon = line.indexOf(": ");
        if (colon > 0) {
            return line.substring(0, colon);
        }
        return line.endsWith(":") ? line.substring(0, line.length() - 1) : null;
    }

    private static int major(String version) {
        int end = 0;
        while (end < version.length() && Character.isDigit(version.charAt(end)) && end < 4) {
            end++;
        }
        return end == 0 ? 9 : Integer.parseInt(version.substring(0, end));
    }

    /** One entry of {@code packages}: its key and, for non-registry packages, the name and version fields. */
    private static final class Entry {

        private final String key;
        private int fieldIndent = -1;
        private String name;
        private String version;

        Entry(String key) {
            this.key = key;
        }

        /** Only the entry's own fields count, not those of nested mappings ({@code engines}, {@code resolution}). */
        boolean fieldIndent(int indent) {
            if (fieldIndent < 0) {
                fieldIndent = indent;
            }
            return indent == fieldIndent;
        }
    }
}
