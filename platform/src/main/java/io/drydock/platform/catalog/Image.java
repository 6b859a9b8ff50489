package io.drydock.platform.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An account's record of an image digest with its tags. */
public record Image(
        String account,
        String digest,
        String parentDigest,
        String imageId,
        String imageType,
        AnalysisStatus analysisStatus,
        String imageStatus,
        Map<String, String> annotations,
        String platform,
        Long compressedSize,
        UUID analysisJobId,
        String failureReason,
        Instant createdAt,
        Instant lastUpdated,
        Instant analyzedAt,
        List<ImageTag> tags,
        ImageSource source) {

    public boolean isActive() {
        return "active".equals(imageStatus);
    }
}
