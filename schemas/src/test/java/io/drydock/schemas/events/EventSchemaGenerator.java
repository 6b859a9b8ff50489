package io.drydock.schemas.events;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Derives the JSON Schema (draft 2020-12) of an event record the way Jackson writes it: every component is present
 * (nulls included), reference types may be null, enums are their constant names.
 */
final class EventSchemaGenerator {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private EventSchemaGenerator() {
    }

    static ObjectNode schemaOf(EventTopic<?> topic) {
        ObjectNode schema = JSON.createObjectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://drydock.io/events/" + topic.name() + ".v" + topic.schemaVersion() + ".schema.json");
        schema.put("title", topic.eventType().getSimpleName());
        schema.put("x-topic", topic.name());
        schema.put("x-schema-version", topic.schemaVersion());
        schema.setAll(objectSchema(topic.eventType(), false));
        return schema;
    }

    private static ObjectNode objectSchema(Class<?> record, boolean nullable) {
        ObjectNode node = JSON.createObjectNode();
        typeOf(node, "object", nullable);
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = node.putArray("required");
        for (RecordComponent component : record.getRecordComponents()) {
            properties.set(component.getName(), schemaOfType(component.getGenericType()));
            required.add(component.getName());
        }
        node.put("additionalProperties", true);
        return node;
    }

    private static JsonNode schemaOfType(Type type) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() == List.class) {
            ObjectNode node = JSON.createObjectNode();
            typeOf(node, "array", true);
            node.set("items", schemaOfType(parameterized.getActualTypeArguments()[0]));
            return node;
        }
        Class<?> raw = (Class<?>) type;
        ObjectNode node = JSON.createObjectNode();
        if (raw == String.class) {
            typeOf(node, "string", true);
        } else if (raw == UUID.class) {
            typeOf(node, "string", true);
            node.put("format", "uuid");
        } else if (raw == Instant.class) {
            typeOf(node, "string", true);
            node.put("format", "date-time");
        } else if (raw == int.class || raw == long.class) {
            typeOf(node, "integer", false);
        } else if (raw == Integer.class || raw == Long.class) {
            typeOf(node, "integer", true);
        } else if (raw == boolean.class) {
            typeOf(node, "boolean", false);
        } else if (raw.isEnum()) {
            typeOf(node, "string", true);
            ArrayNode values = node.putArray("enum");
            Arrays.stream(raw.getEnumConstants()).map(c -> ((Enum<?>) c).name()).forEach(values::add);
            values.addNull();
        } else if (raw.isRecord()) {
            return objectSchema(raw, true);
        } else {
            throw new IllegalArgumentException("No JSON Schema mapping for " + raw + "; events use simple types only");
        }
        return node;
    }

    private static void typeOf(ObjectNode node, String type, boolean nullable) {
        if (nullable) {
            node.putArray("type").add(type).add("null");
        } else {
            node.put("type", type);
        }
    }
}
