package io.drydock.policy.gate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds {@link ImageFacts} for tests, starting from a Debian image with a guessed Dockerfile and no vuln data. */
public final class TestImages {
    private String dockerfile = "FROM debian:12\nCMD [\"bash\"]\n";
    private DockerfileMode mode = DockerfileMode.GUESSED;
    private long size = 120L * 1024 * 1024;
    private int layers = 3;
    private String arch = "amd64";
    private String distro = "debian";
    private String distroVersion = "12";
    private final List<PackageFact> packages = new ArrayList<>();
    private final List<VulnerabilityMatch> vulnerabilities = new ArrayList<>();
    private final List<FileFact> files = new ArrayList<>();
    private final List<RetrievedFile> retrievedFiles = new ArrayList<>();
    private final List<SearchMatch> secretMatches = new ArrayList<>();
    private final List<SearchMatch> contentMatches = new ArrayList<>();
    private List<FeedStatus> feeds = List.of(new FeedStatus("debian:12", false, null));

    public static TestImages debian() {
        return new TestImages();
    }

    public TestImages dockerfile(DockerfileMode mode, String text) {
        this.mode = mode;
        this.dockerfile = text;
        return this;
    }

    public TestImages size(long bytes) {
        this.size = bytes;
        return this;
    }

    public TestImages layers(int count) {
        this.layers = count;
        return this;
    }

    public TestImages arch(String value) {
        this.arch = value;
        return this;
    }

    public TestImages packageFact(PackageFact pkg) {
        packages.add(pkg);
        return this;
    }

    public TestImages file(FileFact file) {
        files.add(file);
        return this;
    }

    public TestImages retrieved(String path, String content) {
        retrievedFiles.add(new RetrievedFile(path, content));
        return this;
    }

    public TestImages secret(String path, String name, String regex) {
        secretMatches.add(new SearchMatch(path, name, regex));
        return this;
    }

    public TestImages contentMatch(String path, String name, String regex) {
        contentMatches.add(new SearchMatch(path, name, regex));
        return this;
    }

    public TestImages vulnerability(VulnerabilityMatch match) {
        vulnerabilities.add(match);
        return this;
    }

    public TestImages feeds(FeedStatus... statuses) {
        this.feeds = List.of(statuses);
        return this;
    }

    public ImageFacts build() {
        return new ImageFacts("sha256:" + "d".repeat(64), "e".repeat(64), "docker.io/library/app:1.0", distro,
                distroVersion, "debian", arch, "linux", size, layers, mode, dockerfile, packages, files,
                vulnerabilities, feeds, retrievedFiles, secretMatches, contentMatches);
    }

    /** An OS package match (dpkg) detected at {@code detectedAt}. */
    public static VulnerabilityMatch osVuln(String id, String severity, String pkg, Instant detectedAt) {
        return new VulnerabilityMatch(id, severity, pkg, "1.0-1", "dpkg", "pkgdb", List.of(), false,
                "https://security-tracker.debian.org/tracker/" + id, "vulnerabilities", "debian:12", null, null,
                detectedAt, null);
    }

    public static VulnerabilityMatch nonOsVuln(String id, String severity, String type, String name, String version,
                                               String path, Instant detectedAt) {
        return new VulnerabilityMatch(id, severity, name, version, type, path, List.of(), false,
                "https://github.com/advisories/" + id, "github", "github:" + type, null, null, detectedAt, null);
    }
}
