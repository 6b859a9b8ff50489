package io.drydock.analyzer.catalogers;

import java.io.IOException;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON manifests language catalogers find in images ({@code composer.lock}, {@code *.deps.json}) as trees,
 * within bounds that real manifests never reach: nesting, string, name and number lengths, and tokens (each token
 * becomes a tree node, so a file of small tokens would otherwise cost many times its size in memory). A document beyond them,
 * or not JSON at all, is an {@link IOException} that names the file; the caller turns it into a warning.
 */
public final class BoundedJson {

    /** Real manifests nest a handful of levels; deps.json reaches about six. */
    static final int MAX_NESTING_DEPTH = 64;
    /** Descriptions and license texts stay far below; a longer string is not a manifest field. */
    static final int MAX_STRING_LENGTH = 1024 * 1024;
    static final int MAX_NAME_LENGTH = 64 * 1024;
    static final int MAX_NUMBER_LENGTH = 100;
    /** A lock file of 500 packages has about 50 000 tokens. */
    static final long MAX_TOKENS = 1_000_000;

    private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING_DEPTH)
                            .maxStringLength(MAX_STRING_LENGTH)
                            .maxNameLength(MAX_NAME_LENGTH)
                            .maxNumberLength(MAX_NUMBER_LENGTH)
                            .maxTokenCount(MAX_TOKENS)
                            .build())
                    .build())
            .build();

    private BoundedJson() {
    }

    /** The document's root, which must be an object or an array. */
    public static JsonNode read(byte[] json, String path) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IOException(path + " is not valid JSON or exceeds a bound: " + e.getOriginalMessage(), e);
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new IOException(path + " is neither a JSON object nor an array");
        }
        return root;
    }

    /** Puts the node's text under the key when it is a non-empty string. */
    public static void putText(Map<String, String> metadata, String key, JsonNode node) {
        String text = text(node);
        if (text != null && !text.isEmpty()) {
            metadata.put(key, text);
        }
    }

    /** The node's text when it is a string, else null. */
    public static String text(JsonNode node) {
        return node != null && node.isString() ? node.stringValue() : null;
    }
}
