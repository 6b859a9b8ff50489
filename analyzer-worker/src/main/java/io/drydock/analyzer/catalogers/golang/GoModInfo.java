package io.drydock.analyzer.catalogers.golang;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The module information text of a Go binary, as {@code runtime/debug.BuildInfo} writes it: tab-separated lines
 * {@code path <main package>}, {@code mod <path> <version> <sum>} for the main module, {@code dep ...} for each
 * dependency, {@code => <path> <version> <sum>} replacing the module on the line before, and
 * {@code build <key>=<value>} settings whose key and value are Go-quoted when they contain spaces, tabs, quotes or
 * {@code =}.
 *
 * @param path     the main package's import path, empty when the text has none
 * @param main     the main module, null when the binary was built outside module mode
 * @param deps     the dependencies in the order listed
 * @param settings build settings in the order listed ({@code -ldflags}, {@code GOOS}, {@code vcs.revision} ...)
 */
record GoModInfo(String path, Module main, List<Module> deps, Map<String, String> settings) {

    /** The version Go writes for a main module built from a source tree rather than fetched at a version. */
    static final String DEVEL = "(devel)";
    private static final int MAX_MODULES = 50_000;
    private static final int MAX_SETTINGS = 1_000;
    /** {@code -X importpath.name=value}, the linker flag that sets a string variable; optionally quoted. */
    private static final Pattern LINKER_SET = Pattern.compile("-X[= ]?['\"]?([^=\\s'\"]+)=['\"]?([^\\s'\"]+)");
    private static final Pattern SEMVER_LIKE = Pattern.compile("v?\\d+\\.\\d+(\\.\\d+)?([-+.][0-9A-Za-z.+-]*)?");
    private static final Pattern REVISION = Pattern.compile("[0-9a-f]{12,}");
    private static final Pattern VCS_TIME = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})Z");

    /**
     * A module; {@code replaces} is the module a {@code =>} line replaced by this one (null when not replaced).
     */
    record Module(String path, String version, String sum, Module replaces) {
    }

    GoModInfo {
        deps = List.copyOf(deps);
        settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    static GoModInfo parse(String text) throws IOException {
        String path = "";
        Module main = null;
        List<Module> deps = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        boolean lastWasMain = false;
        int lineNumber = 0;
        for (String line : text.split("\n", -1)) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            String key = tab < 0 ? line : line.substring(0, tab);
            String rest = tab < 0 ? "" : line.substring(tab + 1);
            switch (key) {
                case "go" -> { }
                case "path" -> path = rest;
                case "mod" -> {
                    main = module(rest, lineNumber, null);
                    lastWasMain = true;
                }
                case "dep" -> {
                    if (deps.size() >= MAX_MODULES) {
                        throw new IOException("Go module information lists more than " + MAX_MODULES + " modules");
                    }
                    deps.add(module(rest, lineNumber, null));
                    lastWasMain = false;
                }
                case "=>" -> {
                    if (lastWasMain && main != null) {
                        main = module(rest, lineNumber, main);
                    } else if (!deps.isEmpty()) {
                        deps.set(deps.size() - 1, module(rest, lineNumber, deps.getLast()));
                    } else {
                        throw new IOException("Go module information line " + lineNumber
                                + ": a replacement without a module before it");
                    }
                }
                case "build" -> {
                    if (settings.size() >= MAX_SETTINGS) {
                        throw new IOException("Go module information has more than " + MAX_SETTINGS
                                + " build settings");
                    }
                    setting(rest, lineNumber, settings);
                }
                default -> throw new IOException("Go module information line " + lineNumber
                        + ": unknown line type '" + abbreviate(key) + "'");
            }
        }
        return new GoModInfo(path, main, deps, settings);
    }

    /**
     * The main module's version. Binaries built from a checkout say {@code (devel)}; a better one is taken, in this
     * order, from a version variable set with {@code -ldflags -X} (as release builds commonly do), then from the
     * version-control stamp as a Go pseudo-version ({@code v0.0.0-20240314194911-617eddaa32b7}); else
     * {@code (devel)} stays.
     */
    String mainVersion() {
        if (main == null) {
            return null;
        }
        if (!DEVEL.equals(main.version())) {
            return main.version();
        }
        String ldflags = settings.get("-ldflags");
        if (ldflags != null) {
            Matcher set = LINKER_SET.matcher(ldflags);
            while (set.find()) {
                String symbol = set.group(1);
                String name = symbol.substring(symbol.lastIndexOf('.') + 1);
                String value = set.group(2);
                if (name.equalsIgnoreCase("version") && SEMVER_LIKE.matcher(value).matches()) {
                    return value.startsWith("v") ? value : "v" + value;
                }
            }
        }
        String revision = settings.get("vcs.revision");
        String time = settings.get("vcs.time");
        if (revision != null && time != null && REVISION.matcher(revision).matches()) {
            Matcher stamp = VCS_TIME.matcher(time);
            if (stamp.matches()) {
                return "v0.0.0-" + stamp.group(1) + stamp.group(2) + stamp.group(3) + stamp.group(4) + stamp.group(5)
                        + stamp.group(6) + "-" + revision.substring(0, 12);
            }
        }
        return DEVEL;
    }

    private static Module module(String fields, int lineNumber, Module replaces) throws IOException {
        String[] parts = fields.split("\t", -1);
        if (parts[0].isEmpty()) {
            throw new IOException("Go module information line " + lineNumber + ": a module without a path");
        }
        // A local replacement ("=> ../fork") has no version.
        String version = parts.length > 1 ? parts[1] : "";
        String sum = parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null;
        return new Module(parts[0], version, sum, replaces);
    }

    private static void setting(String text, int lineNumber, Map<String, String> settings) throws IOException {
        int[] cursor = {0};
        String key = text.startsWith("\"") ? unquote(text, cursor, lineNumber) : until(text, cursor, '=');
        if (cursor[0] >= text.length() || text.charAt(cursor[0]) != '=') {
            throw new IOException("Go module information line " + lineNumber + ": a build setting without '='");
        }
        cursor[0]++;
        String value = cursor[0] < text.length() && text.charAt(cursor[0]) == '"'
                ? unquote(text, cursor, lineNumber) : text.substring(cursor[0]);
        settings.put(key, value);
    }

    private static String until(String text, int[] cursor, char stop) {
        int end = text.indexOf(stop, cursor[0]);
        end = end < 0 ? text.length() : end;
        String value = text.substring(cursor[0], end);
        cursor[0] = end;
        return value;
    }

    /** Reads a Go double-quoted string literal (as {@code strconv.Quote} writes them) starting at the cursor. */
    static String unquote(String text, int[] cursor, int lineNumber) throws IOException {
        StringBuilder out = new StringBuilder();
        int i = cursor[0] + 1;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == '"') {
                cursor[0] = i;
                return out.toString();
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            if (i >= text.length()) {
                break;
            }
            char escape = text.charAt(i++);
            switch (escape) {
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'v' -> out.append('\u000b');
                case '\\', '"', '\'' -> out.append(escape);
                case 'x' -> i = hex(text, i, 2, out, lineNumber);
                case 'u' -> i = hex(text, i, 4, out, lineNumber);
                case 'U' -> i = hex(text, i, 8, out, lineNumber);
                default -> {
                    if (escape >= '0' && escape <= '7' && i + 2 <= text.length()) {
                        out.append((char) Integer.parseInt(text.substring(i - 1, i + 2), 8));
                        i += 2;
                    } else {
                        throw new IOException("Go module information line " + lineNumber
                                + ": unknown escape \\" + escape);
                    }
                }
            }
        }
        throw new IOException("Go module information line " + lineNumber + ": unterminated quoted build setting");
    }

    private static int hex(String text, int at, int digits, StringBuilder out, int lineNumber) throws IOException {
        if (at + digits > text.length()) {
            throw new IOException("Go module information line " + lineNumber + ": truncated escape");
        }
        try {
            out.appendCodePoint(Integer.parseUnsignedInt(text.substring(at, at + digits), 16));
        } catch (IllegalArgumentException e) {
            throw new IOException("Go module information line " + lineNumber + ": bad escape "
                    + abbreviate(text.substring(at, at + digits)));
        }
        return at + digits;
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
