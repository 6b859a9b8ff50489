package io.drydock.analyzer.image;

import io.drydock.analyzer.AnalysisFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a Docker ({@code application/vnd.docker.container.image.v1+json}) or OCI image config. Read as a tree, not
 * bound to types: configs in the wild carry nulls, single strings where arrays belong and fields of other tools,
 * and none of that should fail an analysis.
 */
public final class ImageConfigParser {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public ImageConfig parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new AnalysisFailure("image config is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new AnalysisFailure("image config is not a JSON object");
        }
        JsonNode config = root.path("config");
        ConfigSummary summary = new ConfigSummary(
                strings(config.path("Env")),
                text(config.path("User")),
                new ArrayList<>(new TreeSet<>(config.path("ExposedPorts").propertyNames())),
                optionalStrings(config.path("Entrypoint")),
                optionalStrings(config.path("Cmd")),
                healthcheck(config.path("Healthcheck")),
                labels(config.path("Labels")),
                text(config.path("WorkingDir")),
                text(root.path("variant")));
        List<HistoryEntry> history = new ArrayList<>();
        for (JsonNode entry : root.path("history").values()) {
            history.add(new HistoryEntry(text(entry.path("created")), text(entry.path("created_by")),
                    text(entry.path("comment")), text(entry.path("author")),
                    entry.path("empty_layer").asBoolean(false)));
        }
        return new ImageConfig(text(root.path("architecture")), text(root.path("os")), summary, history,
                strings(root.path("rootfs").path("diff_ids")));
    }

    private static Healthcheck healthcheck(JsonNode node) {
        if (!node.isObject()) {
            return null;
        }
        return new Healthcheck(strings(node.path("Test")), number(node.path("Interval")),
                number(node.path("Timeout")), number(node.path("StartPeriod")),
                node.path("Retries").isNumber() ? node.path("Retries").asInt() : null);
    }

    private static SortedMap<String, String> labels(JsonNode node) {
        SortedMap<String, String> labels = new TreeMap<>();
        for (Map.Entry<String, JsonNode> label : node.properties()) {
            String value = text(label.getValue());
            if (value != null) {
                labels.put(label.getKey(), value);
            }
        }
        return labels;
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.stringValue() : null;
    }

    private static Long number(JsonNode node) {
        return node.isNumber() ? node.asLong() : null;
    }

    /** An array of strings; a lone string counts as a one-element array (old configs write Cmd that way). */
    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isString()) {
            values.add(node.stringValue());
        }
        for (JsonNode value : node.isArray() ? node.values() : List.<JsonNode>of()) {
            if (value.isString()) {
                values.add(value.stringValue());
            }
        }
        return values;
    }

    private static List<String> optionalStrings(JsonNode node) {
        return node.isArray() || node.isString() ? strings(node) : null;
    }
}
