package io.drydock.gateway.image;

import io.drydock.gateway.web.ApiTime;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageTag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Anchore's {@code AnchoreImage} record, field for field as {@code make_response_image} writes it (§1.3). */
final class ImageViews {

    private ImageViews() {
    }

    static Map<String, Object> image(Image image, Optional<StoredAnalysis> analysis) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("imageDigest", image.digest());
        view.put("parentDigest", image.parentDigest());
        view.put("userId", image.account());
        view.put("image_type", image.imageType());
        view.put("image_status", image.imageStatus());
        view.put("analysis_status", image.analysisStatus().wire());
        view.put("created_at", ApiTime.format(image.createdAt()));
        view.put("last_updated", ApiTime.format(image.lastUpdated()));
        view.put("analyzed_at", ApiTime.format(image.analyzedAt()));
        view.put("annotations", image.annotations());
        view.put("record_version", null);
        Map<String, Object> metadata = new LinkedHashMap<>();
        analysis.ifPresent(a -> {
            metadata.put("arch", a.arch());
            metadata.put("distro", a.distro());
            metadata.put("distro_version", a.distroVersion());
            metadata.put("dockerfile_mode", a.dockerfileMode());
            metadata.put("image_size", a.imageSize());
            metadata.put("layer_count", a.layerCount());
        });
        view.put("image_content", Map.of("metadata", metadata));
        List<Map<String, Object>> details = new ArrayList<>();
        for (ImageTag tag : image.tags()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("imageDigest", image.digest());
            detail.put("userId", image.account());
            detail.put("registry", tag.registry());
            detail.put("repo", tag.repo());
            detail.put("tag", tag.tag());
            detail.put("digest", image.digest());
            detail.put("imageId", image.imageId());
            detail.put("dockerfile", tag.dockerfile());
            detail.put("created_at", ApiTime.format(tag.createdAt()));
            detail.put("last_updated", ApiTime.format(tag.lastUpdated()));
            detail.put("tag_detected_at", ApiTime.format(tag.tagDetectedAt()));
            detail.put("fulltag", tag.fulltag());
            detail.put("fulldigest", tag.registry() + "/" + tag.repo() + "@" + image.digest());
            details.add(detail);
        }
        view.put("image_detail", details);
        if (image.failureReason() != null) {
            // Not in Anchore's record; says why analysis_failed without a trip to the events log.
            view.put("analysis_failure_reason", image.failureReason());
        }
        return view;
    }
}
