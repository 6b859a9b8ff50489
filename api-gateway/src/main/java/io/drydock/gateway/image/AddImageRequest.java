package io.drydock.gateway.image;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Map;

/**
 * Body of {@code POST /v1/images}: the legacy top-level fields or the newer {@code source} object (Anchore §1.3).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AddImageRequest(
        String tag,
        String digest,
        String dockerfile,
        String created_at,
        String image_type,
        Map<String, String> annotations,
        Source source) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Source(TagSource tag, DigestSource digest, Map<String, Object> archive,
                         @com.fasterxml.jackson.annotation.JsonProperty("import") Map<String, Object> importSource) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record TagSource(String pullstring, String dockerfile) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record DigestSource(String pullstring, String tag, String creation_timestamp_override, String dockerfile) {
    }
}
