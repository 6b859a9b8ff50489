package io.drydock.schemas.events;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EventSchemaCompatibilityTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String COMMITTED = """
            {"type":"object","properties":{
              "imageDigest":{"type":["string","null"]},
              "reason":{"type":["string","null"],"enum":["API","FORCE",null]},
              "count":{"type":"integer"}}}""";

    @Test
    void addingAPropertyIsCompatible() {
        JsonNode current = JSON.readTree(COMMITTED.replace("\"count\"", "\"extra\":{\"type\":\"integer\"},\"count\""));

        assertThat(EventSchemaCompatibility.breakingChanges(JSON.readTree(COMMITTED), current)).isEmpty();
    }

    @Test
    void removingAPropertyBreaksConsumers() {
        JsonNode current = JSON.readTree(COMMITTED.replace("\"imageDigest\"", "\"digest\""));

        assertThat(EventSchemaCompatibility.breakingChanges(JSON.readTree(COMMITTED), current))
                .containsExactly("$.imageDigest: removed");
    }

    @Test
    void changingATypeBreaksConsumers() {
        JsonNode current = JSON.readTree(COMMITTED.replace("\"count\":{\"type\":\"integer\"}", "\"count\":{\"type\":\"string\"}"));

        assertThat(EventSchemaCompatibility.breakingChanges(JSON.readTree(COMMITTED), current))
                .containsExactly("$.count: type [integer] became [string]");
    }

    @Test
    void makingAValueNullableBreaksConsumers() {
        JsonNode current = JSON.readTree(COMMITTED.replace("\"count\":{\"type\":\"integer\"}",
                "\"count\":{\"type\":[\"integer\",\"null\"]}"));

        assertThat(EventSchemaCompatibility.breakingChanges(JSON.readTree(COMMITTED), current)).hasSize(1);
    }

    @Test
    void aNewEnumConstantBreaksConsumers() {
        JsonNode current = JSON.readTree(COMMITTED.replace("\"FORCE\",", "\"FORCE\",\"RECONCILE\","));

        assertThat(EventSchemaCompatibility.breakingChanges(JSON.readTree(COMMITTED), current))
                .containsExactly("$.reason: enum value RECONCILE is unknown to consumers of the committed schema");
    }
}
