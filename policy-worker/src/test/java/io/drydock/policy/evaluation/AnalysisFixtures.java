package io.drydock.policy.evaluation;

import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredFile;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Stored analyses as analyzer-worker writes them: the summary columns, the {@code ImageAnalysisResult} document
 * (field names as Jackson writes that record) and the normalised packages.
 */
final class AnalysisFixtures {

    static final String ANALYZER_VERSION = "drydock-analyzer-1";
    private static final String BASE_LAYER = "sha256:" + "1a".repeat(32);
    private static final String SSH_LAYER = "sha256:" + "2b".repeat(32);

    /** The image's {@code /etc/passwd} as Debian 12's base-passwd and openssh-server leave it. */
    static final String PASSWD = """
            root:x:0:0:root:/root:/bin/bash
            daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
            bin:x:2:2:bin:/bin:/usr/sbin/nologin
            nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
            sshd:x:100:65534::/run/sshd:/usr/sbin/nologin
            """;
    static final String PRIV_KEY = "(?i)-+BEGIN(.*)PRIVATE KEY-+";

    private AnalysisFixtures() {
    }

    /**
     * A Debian 12 image running an SSH server, built by the classic builder: the Dockerfile is reconstructed from the
     * history ({@code Guessed}) and exposes port 22, which the default bundle's {@code exposed_ports} rule stops.
     */
    static StoredAnalysis sshServer(String digest, String imageId, Instant analyzedAt) {
        String dockerfile = """
                FROM scratch
                ADD file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 in /
                CMD ["bash"]
                RUN apt-get update && apt-get install -y --no-install-recommends openssh-server && rm -rf /var/lib/apt/lists/*
                EXPOSE 22/tcp
                CMD ["/usr/sbin/sshd" "-D"]
                """;
        String document = """
                {
                  "analyzerVersion": "%1$s",
                  "imageId": "%2$s",
                  "distro": "debian",
                  "distroVersion": "12",
                  "likeDistro": "debian",
                  "flavor": "DEB",
                  "arch": "amd64",
                  "os": "linux",
                  "imageSize": 49871234,
                  "layerCount": 2,
                  "dockerfileMode": "Guessed",
                  "dockerfile": %3$s,
                  "dockerHistory": [
                    {"Created": "2024-06-12T00:00:00Z",
                     "CreatedBy": "/bin/sh -c #(nop) ADD file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 in / ",
                     "Comment": null, "Id": "%4$s", "Size": 123416576, "Tags": []},
                    {"Created": "2024-06-12T00:00:01Z", "CreatedBy": "/bin/sh -c #(nop)  CMD [\\"bash\\"]",
                     "Comment": null, "Id": "<missing>", "Size": 0, "Tags": []},
                    {"Created": "2024-06-13T09:30:00Z",
                     "CreatedBy": "/bin/sh -c apt-get update && apt-get install -y --no-install-recommends openssh-server && rm -rf /var/lib/apt/lists/*",
                     "Comment": null, "Id": "%5$s", "Size": 14602240, "Tags": []},
                    {"Created": "2024-06-13T09:30:05Z", "CreatedBy": "/bin/sh -c #(nop)  EXPOSE 22/tcp",
                     "Comment": null, "Id": "<missing>", "Size": 0, "Tags": []},
                    {"Created": "2024-06-13T09:30:05Z", "CreatedBy": "/bin/sh -c #(nop)  CMD [\\"/usr/sbin/sshd\\" \\"-D\\"]",
                     "Comment": null, "Id": "<missing>", "Size": 0, "Tags": []}
                  ],
                  "layers": [
                    {"digest": "%4$s", "size": 49557601, "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                     "createdBy": "/bin/sh -c #(nop) ADD file:4b03b5f551e3fbdf47ec609712007327828f7530cc3455c43bbcdcaf449a75a9 in / "},
                    {"digest": "%5$s", "size": 313633, "mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip",
                     "createdBy": "/bin/sh -c apt-get update && apt-get install -y --no-install-recommends openssh-server && rm -rf /var/lib/apt/lists/*"}
                  ],
                  "config": {
                    "env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
                    "user": "",
                    "exposedPorts": ["22/tcp"],
                    "entrypoint": null,
                    "cmd": ["/usr/sbin/sshd", "-D"],
                    "healthcheck": null,
                    "labels": {},
                    "workingDir": "",
                    "variant": null
                  },
                  "retrievedFiles": [{"path": "/etc/passwd", "b64Content": "%9$s"}],
                  "secretSearch": [
                    {"path": "/etc/ssh/ssh_host_ed25519_key",
                     "matches": [{"name": "PRIV_KEY", "regex": "%10$s", "lines": [1]}]}
                  ],
                  "contentSearch": [
                    {"path": "/etc/ssh/sshd_config",
                     "matches": [{"name": "ROOT_LOGIN", "regex": "PermitRootLogin +yes", "lines": [33]}]}
                  ],
                  "warnings": []
                }
                """.formatted(ANALYZER_VERSION, imageId, jsonString(dockerfile), BASE_LAYER, SSH_LAYER,
                "3c".repeat(32), "4d".repeat(32), "5e".repeat(32),
                Base64.getEncoder().encodeToString(PASSWD.getBytes(StandardCharsets.UTF_8)), PRIV_KEY);
        List<StoredPackage> packages = List.of(
                new StoredPackage("dpkg", "base-files", "12.4+deb12u6", "amd64", "base-files", "12.4+deb12u6",
                        "GPL-2.0-or-later", 392192L, "Santiago Vila <sanvila@debian.org>", BASE_LAYER,
                        "/var/lib/dpkg/status", "pkg:deb/debian/base-files@12.4%2Bdeb12u6?arch=amd64&distro=debian-12",
                        List.of(), Map.of()),
                new StoredPackage("dpkg", "libc6", "2.36-9+deb12u7", "amd64", "glibc", "2.36-9+deb12u7",
                        "LGPL-2.1-or-later", 12986368L, "GNU Libc Maintainers <debian-glibc@lists.debian.org>",
                        BASE_LAYER, "/var/lib/dpkg/status",
                        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&upstream=glibc&distro=debian-12",
                        List.of(), Map.of()),
                new StoredPackage("dpkg", "openssh-server", "1:9.2p1-2+deb12u3", "amd64", "openssh",
                        "1:9.2p1-2+deb12u3", "BSD-2-clause", 1880064L,
                        "Debian OpenSSH Maintainers <debian-ssh@lists.debian.org>", SSH_LAYER, "/var/lib/dpkg/status",
                        "pkg:deb/debian/openssh-server@1%3A9.2p1-2%2Bdeb12u3?arch=amd64&upstream=openssh&distro=debian-12",
                        List.of(), Map.of()));
        List<StoredFile> files = List.of(
                new StoredFile("/etc/os-release", "slink", 0777, 0, 0, 0, null, "../usr/lib/os-release", BASE_LAYER),
                new StoredFile("/etc/ssh/sshd_config", "file", 0644, 0, 0, 3223, "3c".repeat(32), null, SSH_LAYER),
                new StoredFile("/usr/bin/passwd", "file", 04755, 0, 0, 68248, "4d".repeat(32), null, BASE_LAYER),
                new StoredFile("/usr/sbin/sshd", "file", 0755, 0, 0, 1256504, "5e".repeat(32), null, SSH_LAYER));
        return new StoredAnalysis(digest, ANALYZER_VERSION, imageId, "debian", "12", "debian", "amd64", "linux",
                49871234L, 2, "Guessed", document, analyzedAt, packages, files);
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
