package io.drydock.policy.bundle;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Lenient reads from a bundle document: a missing or mistyped field reads as null, so validation can report it. */
final class JsonFields {
    private JsonFields() {}

    /** A scalar field as text (numbers and booleans too, since Anchore params are compared as strings). */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || value.isNull() || value.isContainer()) {
            return null;
        }
        return value.asString();
    }

    static List<JsonNode> objects(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isArray()) {
            return null;
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : value.values()) {
            items.add(item);
        }
        return items;
    }

    static List<String> texts(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isArray()) {
            return null;
        }
        List<String> items = new ArrayList<>();
        for (JsonNode item : value.values()) {
            items.add(item.isNull() || item.isContainer() ? null : item.asString());
        }
        return items;
    }
}
