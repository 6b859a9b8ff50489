package io.drydock.gateway.sbom;

import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.Image;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** SPDX ids of packages that would share one: every element of a document needs its own (SPDX 2.3 §7.2). */
class SpdxExportTest {

    private static final String DIGEST = "sha256:" + "ef".repeat(32);

    @Test
    void givesPackagesThatShareANameAndVersionDistinctIds() {
        StoredPackage atRoot = npm("a+b", "/app/node_modules/a+b/package.json");
        StoredPackage nested = npm("a+b", "/app/node_modules/x/node_modules/a+b/package.json");
        StoredPackage lookalike = npm("a-b", "/app/node_modules/a-b/package.json");

        List<String> ids = ids(List.of(atRoot, nested, lookalike));

        assertThat(ids).containsExactly("SPDXRef-Image", "SPDXRef-Package-npm-a-b-1.0.0",
                "SPDXRef-Package-npm-a-b-1.0.0-1", "SPDXRef-Package-npm-a-b-1.0.0-2");
    }

    @SuppressWarnings("unchecked")
    private static List<String> ids(List<StoredPackage> packages) {
        Instant now = Instant.parse("2026-01-02T03:04:05.678Z");
        Image image = new Image("admin", DIGEST, null, "12".repeat(32), "docker", AnalysisStatus.ANALYZED, "active",
                Map.of(), null, null, null, null, now, now, now, List.of(), null);
        StoredAnalysis analysis = new StoredAnalysis(DIGEST, "test", "12".repeat(32), "Unknown", "0", "Unknown",
                "amd64", "linux", 0, 1, "Guessed", "{}", now, List.of(), List.of());
        Map<String, Object> document = SpdxExport.document(new ImageSbom(image, analysis, packages, now));
        assertThat(((Map<String, Object>) document.get("creationInfo")).get("created"))
                .isEqualTo("2026-01-02T03:04:05Z");
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> pkg : (List<Map<String, Object>>) document.get("packages")) {
            ids.add((String) pkg.get("SPDXID"));
        }
        return ids;
    }

    private static StoredPackage npm(String name, String location) {
        return new StoredPackage("npm", name, "1.0.0", null, null, null, "MIT", null, null, null, location,
                "pkg:npm/" + name + "@1.0.0", List.of(), Map.of());
    }
}
