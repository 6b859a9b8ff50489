package io.drydock.schemas.events;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventSchemaContractTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static List<EventTopic<?>> topics() {
        return Topics.ALL;
    }

    @ParameterizedTest
    @MethodSource("topics")
    void changesToTheRecordDoNotBreakConsumersOfTheCommittedSchema(EventTopic<?> topic) {
        JsonNode committed = committedSchema(topic);
        JsonNode current = EventSchemaGenerator.schemaOf(topic);

        assertThat(EventSchemaCompatibility.breakingChanges(committed, current))
                .as("breaking changes to %s v%d: bump its schemaVersion and commit a new schema file instead",
                        topic.name(), topic.schemaVersion())
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("topics")
    void committedSchemaDescribesTheRecordExactly(EventTopic<?> topic) {
        JsonNode current = EventSchemaGenerator.schemaOf(topic);
        if (Boolean.getBoolean("drydock.events.write-schemas")) {
            // A deliberate contract change: ./drydock mvn -pl schemas test -Ddrydock.events.write-schemas=true
            writeSchema(topic, current);
        }

        assertThat(committedSchema(topic))
                .as("events/%s.v%d.schema.json is stale; the record now generates:%n%s", topic.name(),
                        topic.schemaVersion(), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(current))
                .isEqualTo(current);
    }

    private static void writeSchema(EventTopic<?> topic, JsonNode schema) {
        java.nio.file.Path file = java.nio.file.Path.of("src/main/resources/events",
                topic.name() + ".v" + topic.schemaVersion() + ".schema.json");
        try {
            java.nio.file.Files.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n");
            java.nio.file.Files.writeString(java.nio.file.Path.of("target/classes/events").resolve(file.getFileName()),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonNode committedSchema(EventTopic<?> topic) {
        String resource = "/events/" + topic.name() + ".v" + topic.schemaVersion() + ".schema.json";
        try (InputStream in = EventSchemaContractTest.class.getResourceAsStream(resource)) {
            assertThat(in).as("committed schema %s", resource).isNotNull();
            return JSON.readTree(in);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
