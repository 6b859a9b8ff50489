package io.drydock.gateway.sbom;

import io.drydock.gateway.error.ApiException;
import io.drydock.gateway.image.ImageQueries;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.platform.catalog.Image;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/**
 * The SBOM exports of an account's analysed image (ADR 21): always through the account's own image record, 404 as
 * the content endpoints answer when it is not analysed.
 */
@Service
public class SbomService {

    private final ImageQueries queries;
    private final AnalysisRepository analyses;
    private final JsonMapper json;
    private final Clock clock;

    public SbomService(ImageQueries queries, AnalysisRepository analyses, JsonMapper json, Clock clock) {
        this.queries = queries;
        this.analyses = analyses;
        this.json = json;
        this.clock = clock;
    }

    /** CycloneDX 1.6 JSON. */
    public String cycloneDx(String account, String digest) {
        return CycloneDxExport.write(load(account, digest));
    }

    /** SPDX 2.3 JSON. */
    public String spdx(String account, String digest) {
        return json.writerWithDefaultPrettyPrinter().writeValueAsString(SpdxExport.document(load(account, digest)));
    }

    /**
     * Drydock's native document, gzip-compressed as Anchore serves its native SBOM: the stored analysis document
     * (config, history, layers, ...) with {@code imageDigest} and every package as stored. Files are not part of it
     * ({@code /content/files} streams them).
     */
    public byte[] nativeGzip(String account, String digest) {
        ImageSbom sbom = load(account, digest);
        ObjectNode document = json.readTree(sbom.analysis().document()) instanceof ObjectNode o ? o
                : json.createObjectNode();
        document.put("imageDigest", sbom.image().digest());
        document.set("packages", json.valueToTree(sbom.packages()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            json.writeValue(gzip, document);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private ImageSbom load(String account, String digest) {
        Image image = queries.requireAnalyzed(account, digest);
        StoredAnalysis analysis = analyses.find(image.digest())
                .orElseThrow(() -> ApiException.notFound("analysis of " + image.digest() + " not found"));
        List<StoredPackage> packages = analyses.packages(image.digest(), List.of());
        return new ImageSbom(image, analysis, packages, clock.instant());
    }
}
