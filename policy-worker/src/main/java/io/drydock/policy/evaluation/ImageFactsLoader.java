package io.drydock.policy.evaluation;

import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.policy.gate.CvssV3;
import io.drydock.policy.gate.DockerfileMode;
import io.drydock.policy.gate.FeedStatus;
import io.drydock.policy.gate.FileFact;
import io.drydock.policy.gate.ImageFacts;
import io.drydock.policy.gate.PackageFact;
import io.drydock.policy.gate.RetrievedFile;
import io.drydock.policy.gate.SearchMatch;
import io.drydock.policy.gate.VulnerabilityMatch;
import io.drydock.policy.vulnmatch.Finding;
import io.drydock.policy.vulnmatch.Finding.CvssReference;
import io.drydock.policy.vulnmatch.Finding.Scores;
import io.drydock.policy.vulnmatch.ImageVulnerabilityRepository;
import io.drydock.policy.vulnmatch.VulnerabilityScan;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds the facts the gates evaluate from a stored analysis document and the image's vulnerability matching: its
 * findings, and the sync state of the distro namespace it was matched against. A distro without synced data (or an
 * image not matched yet) is reported as having no data, so the vulnerability gates say so (Anchore's
 * {@code vulnerability_data_unavailable} and {@code stale_feed_data}) instead of passing silently.
 */
@Component
public class ImageFactsLoader {

    private final JsonMapper json;
    private final AnalysisRepository analyses;
    private final ImageVulnerabilityRepository vulnerabilities;

    public ImageFactsLoader(JsonMapper json, AnalysisRepository analyses, ImageVulnerabilityRepository vulnerabilities) {
        this.json = json;
        this.analyses = analyses;
        this.vulnerabilities = vulnerabilities;
    }

    public ImageFacts load(StoredAnalysis analysis, String fulltag) {
        JsonNode document = json.readTree(analysis.document());
        List<PackageFact> packages = new ArrayList<>();
        for (StoredPackage p : analyses.packages(analysis.imageDigest(), List.of())) {
            List<String> licenses = p.licenses() == null || p.licenses().isBlank() ? List.of()
                    : List.of(p.licenses().trim().split("\\s+"));
            packages.add(new PackageFact(p.pkgType(), p.name(), p.version(), p.location(), licenses,
                    p.sourceName()));
        }
        List<FileFact> files = new ArrayList<>();
        analyses.forEachFile(analysis.imageDigest(), f -> files.add(new FileFact(f.path(), f.mode(), f.size(),
                f.sha256(), f.setuid(), f.setgid())));
        return new ImageFacts(analysis.imageDigest(), analysis.imageId(), fulltag, analysis.distro(),
                analysis.distroVersion(), analysis.likeDistro(), analysis.arch(), analysis.os(), analysis.imageSize(),
                analysis.layerCount(), mode(analysis.dockerfileMode()), document.path("dockerfile").asString(null),
                packages, files, matches(analysis.imageDigest()), feeds(analysis),
                retrievedFiles(document.path("retrievedFiles")), matches(document.path("secretSearch")),
                matches(document.path("contentSearch")));
    }

    private List<VulnerabilityMatch> matches(String digest) {
        List<VulnerabilityMatch> matches = new ArrayList<>();
        for (Finding f : vulnerabilities.findings(digest)) {
            matches.add(new VulnerabilityMatch(f.vulnId(), f.severity(), f.packageName(), f.packageVersion(),
                    f.packageType(), f.packagePath(), f.fixVersions(), f.willNotFix(), f.link(), f.feed(),
                    f.feedGroup(), maxV3(f.nvdData()), maxV3(f.vendorData()), f.detectedAt(), f.fixObservedAt()));
        }
        return matches;
    }

    /** Each score the maximum over the source's references, as Anchore reduces them; null when none has v3. */
    private static CvssV3 maxV3(List<CvssReference> references) {
        CvssV3 max = null;
        for (CvssReference reference : references) {
            Scores v3 = reference.cvssV3();
            if (!v3.present()) {
                continue;
            }
            max = max == null ? new CvssV3(v3.baseScore(), v3.exploitabilityScore(), v3.impactScore())
                    : new CvssV3(Math.max(max.baseScore(), v3.baseScore()),
                    Math.max(max.exploitabilityScore(), v3.exploitabilityScore()),
                    Math.max(max.impactScore(), v3.impactScore()));
        }
        return max;
    }

    /** The distro namespace of the image's last matching with its sync state now; no data before a first matching. */
    private List<FeedStatus> feeds(StoredAnalysis analysis) {
        List<FeedStatus> feeds = vulnerabilities.currentScan(analysis.imageDigest()).stream()
                .flatMap(scan -> scan.namespaces().stream())
                .filter(VulnerabilityScan.Namespace::distro)
                .map(ns -> new FeedStatus(ns.namespace(), ns.dataPresent(), ns.lastSync()))
                .toList();
        return feeds.isEmpty()
                ? List.of(new FeedStatus(analysis.distro() + ":" + analysis.distroVersion(), false, null)) : feeds;
    }

    /** {@code [{path, b64Content}]}; content that is not base64 is kept as unreadable rather than failing the image. */
    private static List<RetrievedFile> retrievedFiles(JsonNode stored) {
        List<RetrievedFile> files = new ArrayList<>();
        for (JsonNode file : stored) {
            String content;
            try {
                content = new String(Base64.getDecoder().decode(file.path("b64Content").asString("")),
                        StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                content = null;
            }
            files.add(new RetrievedFile(file.path("path").asString(), content));
        }
        return files;
    }

    /** {@code [{path, matches: [{name, regex, lines}]}]} flattened to one fact per file and search. */
    private static List<SearchMatch> matches(JsonNode stored) {
        List<SearchMatch> matches = new ArrayList<>();
        for (JsonNode file : stored) {
            for (JsonNode match : file.path("matches")) {
                matches.add(new SearchMatch(file.path("path").asString(), match.path("name").asString(null),
                        match.path("regex").asString("")));
            }
        }
        return matches;
    }

    private static DockerfileMode mode(String mode) {
        return switch (mode == null ? "" : mode) {
            case "Actual" -> DockerfileMode.ACTUAL;
            case "Guessed" -> DockerfileMode.GUESSED;
            default -> DockerfileMode.UNKNOWN;
        };
    }
}
