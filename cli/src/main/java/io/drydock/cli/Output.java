package io.drydock.cli;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * What commands print on stdout: the API's JSON as it came ({@code --json}, for scripts), or aligned fields and tables
 * for people. Progress and errors go to stderr, so that stdout stays parseable.
 */
public final class Output {

    private final PrintWriter out;
    private final PrintWriter err;
    private final JsonMapper json;
    private final boolean jsonMode;

    public Output(PrintWriter out, PrintWriter err, JsonMapper json, boolean jsonMode) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.jsonMode = jsonMode;
    }

    public boolean jsonMode() {
        return jsonMode;
    }

    public void json(JsonNode node) {
        out.println(json.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        out.flush();
    }

    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Text as it is (a document a command passes through), copied in chunks and ended with a newline. */
    public void copy(Reader text) throws IOException {
        char[] buffer = new char[8192];
        for (int n; (n = text.read(buffer)) != -1; ) {
            out.write(buffer, 0, n);
        }
        out.println();
        out.flush();
    }

    /** A note for the person watching (progress, what was skipped): stderr, never mixed into the data. */
    public void note(String text) {
        err.println(text);
        err.flush();
    }

    /** {@code Name: value} lines, values aligned. */
    public void fields(Map<String, String> fields) {
        int width = fields.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        fields.forEach((name, value) -> out.println(pad(name + ":", width) + " " + value));
        out.flush();
    }

    /** A table with a header line; columns as wide as their widest cell. */
    public void table(List<String> headers, List<List<String>> rows) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        printRow(headers, widths);
        rows.forEach(row -> printRow(row, widths));
        out.flush();
    }

    /** A table of JSON objects: one column per (header, field extractor). */
    public void table(Map<String, Function<JsonNode, String>> columns, Iterable<JsonNode> items) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode item : items) {
            rows.add(columns.values().stream().map(column -> column.apply(item)).toList());
        }
        table(List.copyOf(columns.keySet()), rows);
    }

    /** The text of a JSON value: strings as they are, null and missing as {@code N/A}, anything else as JSON. */
    public static String text(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "N/A";
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    /** Columns in the order given, for {@link #table(Map, Iterable)}. */
    public static Map<String, Function<JsonNode, String>> columns(Object... headerAndPointer) {
        Map<String, Function<JsonNode, String>> columns = new LinkedHashMap<>();
        for (int i = 0; i < headerAndPointer.length; i += 2) {
            String pointer = (String) headerAndPointer[i + 1];
            columns.put((String) headerAndPointer[i], node -> text(node.at(pointer)));
        }
        return columns;
    }

    private void printRow(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            line.append(i == cells.size() - 1 ? cells.get(i) : pad(cells.get(i), widths[i]) + "  ");
        }
        out.println(line.toString().stripTrailing());
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
