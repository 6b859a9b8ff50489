package io.drydock.policy.gate;

import java.util.List;
import java.util.Optional;

/**
 * What the policy engine knows about an analysed image; filled by the worker from the stored analysis and the
 * vulnerability matcher.
 *
 * @param fulltag             the tag the analysis was requested for, {@code registry/repo:tag}
 * @param likeDistro          comma-separated distros this one is like (e.g. {@code rhel,fedora}), may be null
 * @param osType              {@code linux}, {@code windows}, …
 * @param imageSize           bytes
 * @param dockerfile          the Dockerfile text (actual or guessed), null when unknown
 * @param vulnerabilityFeeds  feed groups serving the image's distro namespace, nearest first
 * @param retrievedFiles      files kept from the image for the content gates ({@code /etc/passwd} by default)
 * @param secretMatches       where the analyzer's secret searches matched, in file order
 * @param contentMatches      where the analyzer's content searches matched, in file order
 */
public record ImageFacts(String imageDigest, String imageId, String fulltag, String distro, String distroVersion,
                         String likeDistro, String arch, String osType, long imageSize, int layerCount,
                         DockerfileMode dockerfileMode, String dockerfile, List<PackageFact> packages,
                         List<FileFact> files, List<VulnerabilityMatch> vulnerabilities,
                         List<FeedStatus> vulnerabilityFeeds, List<RetrievedFile> retrievedFiles,
                         List<SearchMatch> secretMatches, List<SearchMatch> contentMatches) {
    public ImageFacts {
        dockerfileMode = dockerfileMode == null ? DockerfileMode.UNKNOWN : dockerfileMode;
        packages = packages == null ? List.of() : List.copyOf(packages);
        files = files == null ? List.of() : List.copyOf(files);
        vulnerabilities = vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities);
        vulnerabilityFeeds = vulnerabilityFeeds == null ? List.of() : List.copyOf(vulnerabilityFeeds);
        retrievedFiles = retrievedFiles == null ? List.of() : List.copyOf(retrievedFiles);
        secretMatches = secretMatches == null ? List.of() : List.copyOf(secretMatches);
        contentMatches = contentMatches == null ? List.of() : List.copyOf(contentMatches);
    }

    /** Anchore's distro namespace name, {@code <distro>:<version>}, as used in feed messages. */
    public String distroNamespace() {
        return distro + ":" + distroVersion;
    }

    /** The retrieved file stored under exactly this path. */
    public Optional<RetrievedFile> retrievedFile(String path) {
        return retrievedFiles.stream().filter(f -> f.path().equals(path)).findFirst();
    }
}
