package io.drydock.policy.evaluation;

import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.policy.gate.DockerfileMode;
import io.drydock.policy.gate.FeedStatus;
import io.drydock.policy.gate.FileFact;
import io.drydock.policy.gate.ImageFacts;
import io.drydock.policy.gate.PackageFact;
import io.drydock.policy.gate.RetrievedFile;
import io.drydock.policy.gate.SearchMatch;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Builds the facts the gates evaluate from a stored analysis document. Vulnerability data is not matched yet, so the
 * image's distro namespace is reported as having no data: the vulnerability gates then say so (Anchore's
 * {@code vulnerability_data_unavailable} and {@code stale_feed_data}) instead of passing silently.
 */
@Component
public class ImageFactsLoader {

    private final JsonMapper json;
    private final AnalysisRepository analyses;

    public ImageFactsLoader(JsonMapper json, AnalysisRepository analyses) {
        this.json = json;
        this.analyses = analyses;
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
        String namespace = analysis.distro() + ":" + analysis.distroVersion();
        return new ImageFacts(analysis.imageDigest(), analysis.imageId(), fulltag, analysis.distro(),
                analysis.distroVersion(), analysis.likeDistro(), analysis.arch(), analysis.os(), analysis.imageSize(),
                analysis.layerCount(), mode(analysis.dockerfileMode()), document.path("dockerfile").asString(null),
                packages, files, List.of(), List.of(new FeedStatus(namespace, false, null)),
                retrievedFiles(document.path("retrievedFiles")), matches(document.path("secretSearch")),
                matches(document.path("contentSearch")));
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
