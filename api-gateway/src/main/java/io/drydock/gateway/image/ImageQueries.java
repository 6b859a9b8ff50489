package io.drydock.gateway.image;

import io.drydock.gateway.error.ApiException;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageDigest;
import io.drydock.platform.catalog.ImageFilter;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.registry.ImageReference;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of an account's images and what their analyses hold; always through the account's own image record. */
@Service
public class ImageQueries {

    private final ImageRepository images;
    private final AnalysisRepository analyses;

    public ImageQueries(ImageRepository images, AnalysisRepository analyses) {
        this.images = images;
        this.analyses = analyses;
    }

    public Image require(String account, String digest) {
        if (!ImageDigest.isDigest(digest)) {
            throw ApiException.badRequest("not an image digest: " + digest);
        }
        return images.find(account, digest)
                .orElseThrow(() -> ApiException.notFound("Resource image " + digest + " not found"));
    }

    public Map<String, Object> view(Image image) {
        return ImageViews.image(image, image.analysisStatus() == AnalysisStatus.ANALYZED
                ? analyses.find(image.digest()) : Optional.empty());
    }

    public List<Map<String, Object>> list(String account, String fulltag, boolean history, String imageStatus,
                                          String analysisStatus) {
        ImageFilter filter = new ImageFilter("all".equals(imageStatus) ? null : imageStatus,
                analysisStatus == null ? null : parseStatus(analysisStatus));
        if (fulltag == null) {
            return images.list(account, filter).stream().map(this::view).toList();
        }
        ImageReference ref = ImageReference.parse(fulltag);
        List<String> digests = images.digestsForTag(account, ref.registry(), ref.repository(),
                ref.tag() == null ? ImageReference.DEFAULT_TAG : ref.tag());
        if (!history && !digests.isEmpty()) {
            digests = digests.subList(0, 1);
        }
        List<Map<String, Object>> result = new ArrayList<>();
        for (String digest : digests) {
            images.find(account, digest)
                    .filter(i -> filter.imageStatus() == null || filter.imageStatus().equals(i.imageStatus()))
                    .filter(i -> filter.analysisStatus() == null || filter.analysisStatus() == i.analysisStatus())
                    .map(this::view).ifPresent(result::add);
        }
        return result;
    }

    /** Analysed image or 404 with the message the Anchore CLI matches on. */
    public Image requireAnalyzed(String account, String digest) {
        Image image = require(account, digest);
        if (image.analysisStatus() != AnalysisStatus.ANALYZED) {
            throw ApiException.notFound("image is not analyzed - analysis_status: " + image.analysisStatus().wire());
        }
        return image;
    }

    public Optional<StoredAnalysis> analysis(String digest) {
        return analyses.find(digest);
    }

    private static AnalysisStatus parseStatus(String value) {
        try {
            return AnalysisStatus.fromWire(value);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("unknown analysis_status: " + value);
        }
    }
}
