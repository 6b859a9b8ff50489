package io.drydock.analyzer.catalogers.npm;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * {@code package-lock.json} and {@code npm-shrinkwrap.json}, all lockfile versions. Version 2 and 3 list every
 * installed package in {@code packages}, keyed by its install path ({@code node_modules/a/node_modules/b}); version 1
 * nests {@code dependencies} objects the way the tree is installed; version 2 carries both, and {@code packages} wins.
 * The file is streamed: only one top-level entry is held as a tree at a time.
 */
final class PackageLockParser {

    private static final String NODE_MODULES = "node_modules/";

    private PackageLockParser() {
    }

    static void parse(InputStream in, LockSink sink) throws IOException {
        try (JsonParser parser = NpmPackages.JSON.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a package-lock.json: not a JSON object");
            }
            boolean fromPackages = false;
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("packages") && value == JsonToken.START_OBJECT) {
                    fromPackages = true;
                    sink.restart();
                    readPackages(parser, sink);
                } else if (field.equals("dependencies") && value == JsonToken.START_OBJECT && !fromPackages) {
                    readDependencies(parser, sink);
                } else {
                    parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw new IOException("not a valid package-lock.json: " + e.getOriginalMessage(), e);
        }
    }

    /** Version 2 and 3: the root project ({@code ""}), links and workspace folders are the project's own code. */
    private static void readPackages(JsonParser parser, LockSink sink) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String path = parser.currentName();
            parser.nextToken();
            JsonNode entry = parser.readValueAsTree();
            int at = path.lastIndexOf(NODE_MODULES);
            if (at < 0 || !entry.isObject() || entry.path("link").asBoolean(false)) {
                continue;
            }
            String name = NpmPackages.text(entry.path("name"));
            sink.add(name != null ? name : path.substring(at + NODE_MODULES.length()),
                    NpmPackages.text(entry.path("version")));
        }
    }

    /**
     * Version 1: each top-level entry is read as a tree and walked without recursion.
     */
    private static void readDependencies(JsonParser parser, LockSink sink) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String topName = parser.currentName();
            parser.nextToken();
            Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
            pending.push(Map.entry(topName, parser.readValueAsTree()));
            while (!pending.isEmpty()) {
                Map.Entry<String, JsonNode> next = pending.pop();
                JsonNode entry = next.getValue();
                if (!entry.isObject()) {
                    continue;
                }
                String version = NpmPackages.text(entry.path("version"));
                sink.add(next.getKey(), version);
                List.copyOf(entry.path("dependencies").properties()).reversed().forEach(pending::push);
            }
        }
    }
}
