package io.drydock.analyzer.catalogers.ruby;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the attributes RubyGems writes into an installed gem's {@code specifications/<name>-<version>.gemspec}:
 * Ruby source, so nothing is evaluated. Only the block variable's plain assignments are read
 * ({@code s.name = "rack".freeze}, {@code s.licenses = ["MIT".freeze]}), and of their right-hand side only the
 * quoted string literals; anything computed is ignored.
 */
final class GemspecParser {

    /** Generated specifications are a few dozen lines; hand-written ones a few hundred. */
    static final int MAX_LINES = 20_000;
    static final int MAX_VALUES = 100;
    static final int MAX_VALUE_CHARS = 4096;

    private static final Pattern BLOCK_START = Pattern.compile("Gem::Specification\\.new\\s+do\\s*\\|\\s*(\\w+)\\s*\\|");
    private static final Pattern ASSIGNMENT = Pattern.compile("^(\\w+)\\.(\\w+)\\s*=\\s*(.*)$");

    private GemspecParser() {
    }

    /** The attributes assigned string literals, by attribute name, in the order written; empty without a spec block. */
    static Optional<Map<String, List<String>>> parse(String source) {
        String variable = null;
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        int lines = 0;
        int start = 0;
        while (start < source.length() && lines++ < MAX_LINES) {
            int end = source.indexOf('\n', start);
            if (end < 0) {
                end = source.length();
            }
            String line = source.substring(start, end).strip();
            start = end + 1;
            if (variable == null) {
                Matcher block = BLOCK_START.matcher(line);
                if (block.find()) {
                    variable = block.group(1);
                }
                continue;
            }
            Matcher assignment = ASSIGNMENT.matcher(line);
            if (assignment.matches() && assignment.group(1).equals(variable)) {
                List<String> values = stringLiterals(assignment.group(3));
                if (!values.isEmpty()) {
                    attributes.putIfAbsent(assignment.group(2), values);
                }
            }
        }
        return variable == null ? Optional.empty() : Optional.of(attributes);
    }

    /**
     * The quoted literals of a right-hand side, up to a trailing modifier ({@code if s.respond_to? ...}) or comment.
     * Double-quoted literals with interpolation ({@code #{...}}) are computed values and are skipped.
     */
    static List<String> stringLiterals(String rhs) {
        List<String> values = new ArrayList<>();
        int i = 0;
        while (i < rhs.length() && values.size() < MAX_VALUES) {
            char c = rhs.charAt(i);
            if (c == '#' || (c == ' ' && rhs.startsWith(" if ", i)) || (c == ' ' && rhs.startsWith(" unless ", i))) {
                break;
            }
            if (c != '"' && c != '\'') {
                i++;
                continue;
            }
            StringBuilder value = new StringBuilder();
            boolean interpolated = false;
            int j = i + 1;
            for (; j < rhs.length() && rhs.charAt(j) != c; j++) {
                char d = rhs.charAt(j);
                if (d == '\\' && j + 1 < rhs.length()) {
                    d = rhs.charAt(++j);
                } else if (c == '"' && d == '#' && j + 1 < rhs.length() && rhs.charAt(j + 1) == '{') {
                    interpolated = true;
                }
                if (value.length() < MAX_VALUE_CHARS) {
                    value.append(d);
                }
            }
            if (j >= rhs.length()) {
                break; // unterminated: not a literal we can trust
            }
            if (!interpolated) {
                values.add(value.toString());
            }
            i = j + 1;
        }
        return values;
    }
}
