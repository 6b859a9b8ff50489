package io.drydock.policy.evaluation;

import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.policy.gate.DockerfileMode;
import io.drydock.policy.gate.FeedStatus;
import io.drydock.policy.gate.FileFact;
import io.drydock.policy.gate.ImageFacts;
import io.drydock.policy.gate.PackageFact;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds the facts the gates evaluate from a stored analysis document. Vulnerability data is not matched yet, so the
 * image's distro namespace is reported as having no data: the vulnerability gates then say so (Anchore's
 * {@code vulnerability_data_unavailable} and {@code stale_feed_data}) instead of passing silently.
 */
@Component
public class ImageFactsLoader {

    private final JsonMapper json;

    public ImageFactsLoader(JsonMapper json) {
        this.json = json;
    }

    public ImageFacts load(StoredAnalysis analysis, String fulltag) {
        JsonNode document = json.readTree(analysis.document());
        List<PackageFact> packages = new ArrayList<>();
        for (JsonNode p : document.path("packages")) {
            List<String> licenses = new ArrayList<>();
            p.path("licenses").forEach(l -> licenses.add(l.asString()));
            packages.add(new PackageFact(p.path("type").asString(), p.path("name").asString(),
                    p.path("version").asString(), p.path("location").asString(null), licenses,
                    p.path("sourceName").asString(null)));
        }
        List<FileFact> files = new ArrayList<>();
        for (JsonNode f : document.path("files")) {
            files.add(new FileFact(f.path("path").asString(), f.path("mode").asInt(), f.path("size").asLong(),
                    f.path("sha256").asString(null), f.path("setuid").asBoolean(), f.path("setgid").asBoolean()));
        }
        String namespace = analysis.distro() + ":" + analysis.distroVersion();
        return new ImageFacts(analysis.imageDigest(), analysis.imageId(), fulltag, analysis.distro(),
                analysis.distroVersion(), analysis.likeDistro(), analysis.arch(), analysis.os(), analysis.imageSize(),
                analysis.layerCount(), mode(analysis.dockerfileMode()), document.path("dockerfile").asString(null),
                packages, files, List.of(), List.of(new FeedStatus(namespace, false, null)));
    }

    private static DockerfileMode mode(String mode) {
        return switch (mode == null ? "" : mode) {
            case "Actual" -> DockerfileMode.ACTUAL;
            case "Guessed" -> DockerfileMode.GUESSED;
            default -> DockerfileMode.UNKNOWN;
        };
    }
}
