package io.drydock.policy.gate;

import java.util.List;

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
 */
public record ImageFacts(String imageDigest, String imageId, String fulltag, String distro, String distroVersion,
                         String likeDistro, String arch, String osType, long imageSize, int layerCount,
                         DockerfileMode dockerfileMode, String dockerfile, List<PackageFact> packages,
                         List<FileFact> files, List<VulnerabilityMatch> vulnerabilities,
                         List<FeedStatus> vulnerabilityFeeds) {
    public ImageFacts {
        dockerfileMode = dockerfileMode == null ? DockerfileMode.UNKNOWN : dockerfileMode;
        packages = packages == null ? List.of() : List.copyOf(packages);
        files = files == null ? List.of() : List.copyOf(files);
        vulnerabilities = vulnerabilities == null ? List.of() : List.copyOf(vulnerabilities);
        vulnerabilityFeeds = vulnerabilityFeeds == null ? List.of() : List.copyOf(vulnerabilityFeeds);
    }

    /** Anchore's distro namespace name, {@code <distro>:<version>}, as used in feed messages. */
    public String distroNamespace() {
        return distro + ":" + distroVersion;
    }
}
