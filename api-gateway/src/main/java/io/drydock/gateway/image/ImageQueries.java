package io.drydock.gateway.image;

import io.drydock.gateway.error.ApiException;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageDigest;
import io.drydock.platform.catalog.ImageFilter;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.registry.ImageReference;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads of an account's images and what their analyses hold; always through the account's own image record. */
@Service
public class ImageQueries {

    /** Content types served; OS packages only until the language catalogers land. */
    static final List<String> CONTENT_TYPES = List.of("os");

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

    public Map<String, Object> content(String account, String digest, String type) {
        if (!CONTENT_TYPES.contains(type)) {
            throw ApiException.notFound("content type (" + type + ") not available; available types: " + CONTENT_TYPES);
        }
        Image image = requireAnalyzed(account, digest);
        List<Map<String, Object>> content = new ArrayList<>();
        for (StoredPackage p : analyses.packages(image.digest(), List.of("dpkg", "APKG", "rpm"))) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("package", p.name());
            row.put("version", p.version());
            String license = p.licenses() == null || p.licenses().isBlank() ? "Unknown" : p.licenses();
            row.put("license", license);
            row.put("licenses", Arrays.asList(license.split("\\s+")));
            row.put("origin", p.origin() == null ? "N/A" : p.origin());
            row.put("size", p.size() == null ? "N/A" : String.valueOf(p.size()));
            row.put("type", p.pkgType());
            row.put("sourcepkg", p.sourceName() == null ? p.name() : p.sourceName());
            row.put("arch", p.arch());
            row.put("layer", p.layerDigest());
            row.put("purl", p.purl());
            row.put("cpes", List.of());
            content.add(row);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("imageDigest", image.digest());
        response.put("content_type", type);
        response.put("content", content);
        return response;
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
