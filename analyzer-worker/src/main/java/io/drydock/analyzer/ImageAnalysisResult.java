package io.drydock.analyzer;

import io.drydock.analyzer.image.ConfigSummary;
import io.drydock.analyzer.image.DockerHistoryEntry;
import io.drydock.analyzer.search.PathMatches;
import io.drydock.analyzer.search.RetrievedFile;
import java.util.List;

/**
 * Everything one analysis found, immutable and serialisable to JSON as is.
 *
 * @param analyzerVersion the analyzer that produced it; a newer analyzer may re-analyse
 * @param imageId         hex SHA-256 of the config blob
 * @param likeDistro      comma list of related distros
 * @param flavor          {@code RHEL}, {@code DEB}, {@code ALPINE}, {@code BUSYB} or {@code Unknown}
 * @param arch            config {@code architecture}
 * @param os              config {@code os}
 * @param imageSize       sum of the compressed layer sizes in the manifest
 * @param dockerfile      the supplied Dockerfile ({@link DockerfileMode#ACTUAL}), the reconstructed one
 *                        ({@link DockerfileMode#GUESSED}) or null
 * @param retrievedFiles  configured files kept for the policy gates (Anchore's {@code retrieve_files})
 * @param secretSearch    where the secret searches matched (paths, search names, line numbers; never the text)
 * @param contentSearch   where the user's content searches matched
 * @param warnings        non-fatal problems, bounded
 */
public record ImageAnalysisResult(
        String analyzerVersion,
        String imageId,
        String distro,
        String distroVersion,
        String likeDistro,
        String flavor,
        String arch,
        String os,
        long imageSize,
        int layerCount,
        DockerfileMode dockerfileMode,
        String dockerfile,
        List<DockerHistoryEntry> dockerHistory,
        List<LayerRecord> layers,
        ConfigSummary config,
        List<PackageRecord> packages,
        List<FileRecord> files,
        List<RetrievedFile> retrievedFiles,
        List<PathMatches> secretSearch,
        List<PathMatches> contentSearch,
        List<String> warnings) {

    public ImageAnalysisResult {
        dockerHistory = List.copyOf(dockerHistory);
        layers = List.copyOf(layers);
        packages = List.copyOf(packages);
        files = List.copyOf(files);
        retrievedFiles = List.copyOf(retrievedFiles);
        secretSearch = List.copyOf(secretSearch);
        contentSearch = List.copyOf(contentSearch);
        warnings = List.copyOf(warnings);
    }
}
