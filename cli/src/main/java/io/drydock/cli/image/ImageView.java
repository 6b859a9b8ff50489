package io.drydock.cli.image;

import io.drydock.cli.Output;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An image record ({@code AnchoreImage}, Anchore §1.3) as {@code image get} prints it. */
final class ImageView {

    private ImageView() {
    }

    static void print(Output output, JsonNode images) {
        if (output.jsonMode()) {
            output.json(images);
            return;
        }
        boolean first = true;
        for (JsonNode image : images.isArray() ? images : List.of(images)) {
            if (!first) {
                output.line("");
            }
            first = false;
            output.fields(fields(image));
        }
    }

    static Map<String, String> fields(JsonNode image) {
        JsonNode metadata = image.at("/image_content/metadata");
        List<String> tags = new ArrayList<>();
        image.path("image_detail").forEach(detail -> tags.add(detail.path("fulltag").asString()));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Image Digest", Output.text(image.get("imageDigest")));
        fields.put("Parent Digest", Output.text(image.get("parentDigest")));
        fields.put("Analysis Status", Output.text(image.get("analysis_status")));
        if (image.hasNonNull("analysis_failure_reason")) {
            fields.put("Analysis Failure", image.get("analysis_failure_reason").asString());
        }
        fields.put("Image Type", Output.text(image.get("image_type")));
        fields.put("Analyzed At", Output.text(image.get("analyzed_at")));
        fields.put("Image ID", Output.text(image.at("/image_detail/0/imageId")));
        fields.put("Dockerfile Mode", Output.text(metadata.get("dockerfile_mode")));
        fields.put("Distro", Output.text(metadata.get("distro")));
        fields.put("Distro Version", Output.text(metadata.get("distro_version")));
        fields.put("Size", Output.text(metadata.get("image_size")));
        fields.put("Architecture", Output.text(metadata.get("arch")));
        fields.put("Layer Count", Output.text(metadata.get("layer_count")));
        fields.put("Full Tag", tags.isEmpty() ? "N/A" : String.join(", ", tags));
        return fields;
    }
}
