package io.drydock.schemas.events;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists the changes in a schema that would break a consumer written against an earlier (committed) one: a property it
 * reads is gone or changed type, a value may now be null where it could not be, or an enum gained a constant the
 * consumer cannot decode. Added properties are fine: consumers ignore what they do not know.
 */
final class EventSchemaCompatibility {

    private EventSchemaCompatibility() {
    }

    static List<String> breakingChanges(JsonNode committed, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("$", committed, current, problems);
        return problems;
    }

    private static void compare(String path, JsonNode committed, JsonNode current, List<String> problems) {
        Set<String> committedTypes = types(committed);
        Set<String> currentTypes = types(current);
        if (!committedTypes.containsAll(currentTypes)) {
            problems.add(path + ": type " + committedTypes + " became " + currentTypes);
            return;
        }
        if (committed.has("enum")) {
            Set<String> known = new HashSet<>();
            committed.get("enum").forEach(v -> known.add(v.isNull() ? "null" : v.asString()));
            current.path("enum").forEach(v -> {
                String value = v.isNull() ? "null" : v.asString();
                if (!known.contains(value)) {
                    problems.add(path + ": enum value " + value + " is unknown to consumers of the committed schema");
                }
            });
        }
        if (committed.has("properties")) {
            for (var entry : committed.get("properties").properties()) {
                JsonNode now = current.path("properties").get(entry.getKey());
                if (now == null) {
                    problems.add(path + "." + entry.getKey() + ": removed");
                } else {
                    compare(path + "." + entry.getKey(), entry.getValue(), now, problems);
                }
            }
        }
        if (committed.has("items")) {
            compare(path + "[]", committed.get("items"), current.path("items"), problems);
        }
    }

    private static Set<String> types(JsonNode node) {
        Set<String> types = new HashSet<>();
        JsonNode type = node.path("type");
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asString()));
        } else if (type.isString()) {
            types.add(type.asString());
        }
        return types;
    }
}
