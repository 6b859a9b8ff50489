package io.drydock.analyzer.catalogers.go;

import io.drydock.analyzer.catalogers.QuotedText;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code require} and {@code replace} directives of a {@code go.mod} file, single-line and block forms, following
 * the grammar of the Go Modules Reference (go.dev/ref/mod#go-mod-file): tokens are separated by white space, may be
 * quoted ({@code "…"} or {@code `…`}), and {@code //} starts a comment; a requirement whose comment is
 * {@code indirect} is an indirect dependency. Other directives are skipped.
 */
final class GoModFile {

    /** Well above the largest real modules' requirement lists. */
    static final int MAX_REQUIREMENTS = 50_000;
    private static final Pattern MODULE_PATH = Pattern.compile("[^\\s\"'`\\\\]{1,1024}");
    private static final Pattern VERSION = Pattern.compile("v[0-9][0-9A-Za-z.+\\-]{0,255}");

    /** A required module as the build uses it; {@code replaced} names what it stands in for, when replaced. */
    record Module(String path, String version, boolean indirect, String replaced) {
    }

    private record Replacement(String oldVersion, String newPath, String newVersion) {
    }

    private final Map<String, Module> requirements = new LinkedHashMap<>();
    private final Map<String, Replacement> replacements = new HashMap<>();

    private GoModFile() {
    }

    static GoModFile parse(String text) throws IOException {
        GoModFile mod = new GoModFile();
        String block = null;
        int lineNumber = 0;
        for (String line : (Iterable<String>) text.lines()::iterator) {
            lineNumber++;
            int comment = commentStart(line);
            boolean indirect = comment >= 0 && isIndirect(line.substring(comment + 2));
            List<String> tokens = tokens(comment >= 0 ? line.substring(0, comment) : line, lineNumber);
            if (tokens.isEmpty()) {
                continue;
            }
            if (block != null) {
                if (tokens.size() == 1 && tokens.getFirst().equals(")")) {
                    block = null;
                } else {
                    mod.directive(block, tokens, indirect);
                }
            } else if (tokens.size() == 2 && tokens.get(1).equals("(")) {
                block = tokens.getFirst();
            } else {
                mod.directive(tokens.getFirst(), tokens.subList(1, tokens.size()), indirect);
            }
        }
        return mod;
    }

    private void directive(String verb, List<String> args, boolean indirect) throws IOException {
        if (verb.equals("require") && args.size() == 2 && validModule(args.get(0), args.get(1))) {
            requirements.put(args.get(0), new Module(args.get(0), args.get(1), indirect, null));
            if (requirements.size() > MAX_REQUIREMENTS) {
                throw new IOException("more than " + MAX_REQUIREMENTS + " requirements; not read");
            }
        } else if (verb.equals("replace")) {
            int arrow = args.indexOf("=>");
            if ((arrow != 1 && arrow != 2) || args.size() - arrow - 1 < 1 || args.size() - arrow - 1 > 2) {
                return;
            }
            String oldVersion = arrow == 2 ? args.get(1) : null;
            String newPath = args.get(arrow + 1);
            String newVersion = args.size() - arrow - 1 == 2 ? args.get(arrow + 2) : null;
            if (replacements.size() < MAX_REQUIREMENTS) {
                replacements.put(args.getFirst() + (oldVersion == null ? "" : "@" + oldVersion),
                        new Replacement(oldVersion, newPath, newVersion));
            }
        }
    }

    /**
     * The requirements with replacements applied: a version-specific {@code replace} wins over one for all versions;
     * a replacement without a version is a directory on disk and leaves nothing to report.
     */
    List<Module> resolvedRequirements() {
        List<Module> resolved = new ArrayList<>();
        for (Module required : requirements.values()) {
            Replacement replacement = replacements.getOrDefault(required.path() + "@" + required.version(),
                    replacements.get(required.path()));
            if (replacement == null) {
                resolved.add(required);
            } else if (replacement.newVersion() != null
                    && validModule(replacement.newPath(), replacement.newVersion())) {
                resolved.add(new Module(replacement.newPath(), replacement.newVersion(), required.indirect(),
                        required.path() + "@" + required.version()));
            }
        }
        return resolved;
    }

    private static boolean validModule(String path, String version) {
        return MODULE_PATH.matcher(path).matches() && VERSION.matcher(version).matches();
    }

    /** The comment of {@code // indirect} or {@code // indirect; reason}. */
    private static boolean isIndirect(String comment) {
        String text = comment.strip();
        return text.equals("indirect") || text.startsWith("indirect;");
    }

    /** Where {@code //} starts a comment, outside quotes; -1 when the line has none. */
    private static int commentStart(String line) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '"' || c == '`') {
                i = QuotedText.skip(line, i);
            } else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
                return i;
            } else {
                i++;
            }
        }
        return -1;
    }

    private static List<String> tokens(String line, int lineNumber) throws IOException {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '"' || c == '`') {
                StringBuilder token = new StringBuilder();
                int j = i + 1;
                while (j < line.length() && line.charAt(j) != c) {
                    if (c == '"' && line.charAt(j) == '\\' && j + 1 < line.length()) {
                        j++;
                    }
                    token.append(line.charAt(j++));
                }
                if (j >= line.length()) {
                    throw new IOException("line " + lineNumber + ": unterminated quoted string");
                }
                tokens.add(token.toString());
                i = j + 1;
            } else if (c == '(' || c == ')') {
                tokens.add(String.valueOf(c));
                i++;
            } else {
                int j = i;
                while (j < line.length() && !Character.isWhitespace(line.charAt(j)) && line.charAt(j) != '('
                        && line.charAt(j) != ')' && line.charAt(j) != '"' && line.charAt(j) != '`') {
                    j++;
                }
                tokens.add(line.substring(i, j));
                i = j;
            }
        }
        return tokens;
    }
}
