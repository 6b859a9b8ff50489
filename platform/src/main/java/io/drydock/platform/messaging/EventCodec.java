package io.drydock.platform.messaging;

import io.drydock.schemas.events.DrydockEvent;
import io.drydock.schemas.events.EventTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;

/** Writes events as JSON and reads them back, refusing what is undecodable and parking what is newer. */
@Component
public class EventCodec {

    // Independent of the web mapper's settings: the wire format is a contract.
    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public String encode(DrydockEvent event) {
        return json.writeValueAsString(event);
    }

    /** Decodes a consumed record of the given topic; see the class comment for the two failure kinds. */
    public <T extends DrydockEvent> T decode(EventTopic<T> topic, ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            throw new PermanentEventException("empty record on " + record.topic() + " at offset " + record.offset());
        }
        return decode(topic, record.value());
    }

    public <T extends DrydockEvent> T decode(EventTopic<T> topic, byte[] payload) {
        JsonNode tree;
        try {
            tree = json.readTree(payload);
        } catch (JacksonException e) {
            throw new PermanentEventException("undecodable " + topic.name() + " event: " + e.getOriginalMessage(), e);
        }
        JsonNode metadata = tree.path("metadata");
        if (!metadata.isObject()) {
            throw new PermanentEventException(topic.name() + " event has no metadata: " + abbreviate(payload));
        }
        String type = metadata.path("type").asString("");
        if (!topic.name().equals(type)) {
            throw new PermanentEventException("a '" + type + "' event does not belong on " + topic.name());
        }
        int version = metadata.path("version").asInt(0);
        if (version > topic.schemaVersion()) {
            throw new NewerSchemaVersionException(topic.name(), version, topic.schemaVersion());
        }
        try {
            T event = json.treeToValue(tree, topic.eventType());
            if (event.metadata().eventId() == null) {
                throw new PermanentEventException(topic.name() + " event has no event id");
            }
            return event;
        } catch (JacksonException e) {
            throw new PermanentEventException("invalid " + topic.name() + " event: " + e.getOriginalMessage(), e);
        }
    }

    private static String abbreviate(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
