package io.drydock.analyzer.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * One entry of Anchore's {@code docker_history}, with its field names.
 *
 * @param id   digest of the layer this step produced, or {@code <missing>} for steps without a layer
 * @param size bytes of file content the step's layer added; 0 for steps without a layer
 * @param tags always empty: tags belong to the image record, not to its history
 */
public record DockerHistoryEntry(
        @JsonProperty("Created") String created,
        @JsonProperty("CreatedBy") String createdBy,
        @JsonProperty("Comment") String comment,
        @JsonProperty("Id") String id,
        @JsonProperty("Size") long size,
        @JsonProperty("Tags") List<String> tags) {

    public static final String MISSING_ID = "<missing>";

    public DockerHistoryEntry {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
