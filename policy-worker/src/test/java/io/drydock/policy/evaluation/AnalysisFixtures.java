package io.drydock.policy.evaluation;

import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;

import java.time.Instant;
import java.util.List;

/**
 * Stored analyses as analyzer-worker writes them: the summary columns, the {@code ImageAnalysisResult} document
 * (field names as Jackson writes that record) and the normalised packages.
 */
final class AnalysisFixtures {

    static final String ANALYZER_VERSION = "drydock-analyzer-1";
    private static final String BASE_LAYER = "sha256:" + "1a".repeat(32);
    private static final String SSH_LAYER = "sha256:" + "2b".repeat(32);

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
                  "packages": [
                    {"type": "dpkg", "name": "base-files", "version": "12.4+deb12u6", "arch": "amd64",
                     "sourceName": "base-files", "sourceVersion": "12.4+deb12u6", "licenses": ["GPL-2.0-or-later"],
                     "size": 392192, "origin": "Santiago Vila <sanvila@debian.org>", "layerDigest": "%4$s",
                     "location": "/var/lib/dpkg/status", "purl": "pkg:deb/debian/base-files@12.4%%2Bdeb12u6?arch=amd64&distro=debian-12",
                     "files": ["/etc/debian_version", "/etc/os-release"]},
                    {"type": "dpkg", "name": "libc6", "version": "2.36-9+deb12u7", "arch": "amd64",
                     "sourceName": "glibc", "sourceVersion": "2.36-9+deb12u7", "licenses": ["LGPL-2.1-or-later"],
                     "size": 12986368, "origin": "GNU Libc Maintainers <debian-glibc@lists.debian.org>",
                     "layerDigest": "%4$s", "location": "/var/lib/dpkg/status",
                     "purl": "pkg:deb/debian/libc6@2.36-9%%2Bdeb12u7?arch=amd64&upstream=glibc&distro=debian-12",
                     "files": ["/usr/lib/x86_64-linux-gnu/libc.so.6"]},
                    {"type": "dpkg", "name": "openssh-server", "version": "1:9.2p1-2+deb12u3", "arch": "amd64",
                     "sourceName": "openssh", "sourceVersion": "1:9.2p1-2+deb12u3", "licenses": ["BSD-2-clause"],
                     "size": 1880064, "origin": "Debian OpenSSH Maintainers <debian-ssh@lists.debian.org>",
                     "layerDigest": "%5$s", "location": "/var/lib/dpkg/status",
                     "purl": "pkg:deb/debian/openssh-server@1%%3A9.2p1-2%%2Bdeb12u3?arch=amd64&upstream=openssh&distro=debian-12",
                     "files": ["/usr/sbin/sshd", "/etc/ssh/sshd_config"]}
                  ],
                  "files": [
                    {"path": "/etc/os-release", "type": "slink", "mode": 511, "uid": 0, "gid": 0, "size": 0,
                     "sha256": null, "linkTarget": "../usr/lib/os-release", "layerDigest": "%4$s",
                     "setuid": false, "setgid": false},
                    {"path": "/etc/ssh/sshd_config", "type": "file", "mode": 420, "uid": 0, "gid": 0, "size": 3223,
                     "sha256": "%6$s", "linkTarget": null, "layerDigest": "%5$s", "setuid": false, "setgid": false},
                    {"path": "/usr/bin/passwd", "type": "file", "mode": 2541, "uid": 0, "gid": 0, "size": 68248,
                     "sha256": "%7$s", "linkTarget": null, "layerDigest": "%4$s", "setuid": true, "setgid": false},
                    {"path": "/usr/sbin/sshd", "type": "file", "mode": 493, "uid": 0, "gid": 0, "size": 1256504,
                     "sha256": "%8$s", "linkTarget": null, "layerDigest": "%5$s", "setuid": false, "setgid": false}
                  ],
                  "warnings": []
                }
                """.formatted(ANALYZER_VERSION, imageId, jsonString(dockerfile), BASE_LAYER, SSH_LAYER,
                "3c".repeat(32), "4d".repeat(32), "5e".repeat(32));
        List<StoredPackage> packages = List.of(
                new StoredPackage("dpkg", "base-files", "12.4+deb12u6", "amd64", "base-files", "12.4+deb12u6",
                        "GPL-2.0-or-later", 392192L, "Santiago Vila <sanvila@debian.org>", BASE_LAYER,
                        "/var/lib/dpkg/status", "pkg:deb/debian/base-files@12.4%2Bdeb12u6?arch=amd64&distro=debian-12"),
                new StoredPackage("dpkg", "libc6", "2.36-9+deb12u7", "amd64", "glibc", "2.36-9+deb12u7",
                        "LGPL-2.1-or-later", 12986368L, "GNU Libc Maintainers <debian-glibc@lists.debian.org>",
                        BASE_LAYER, "/var/lib/dpkg/status",
                        "pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&upstream=glibc&distro=debian-12"),
                new StoredPackage("dpkg", "openssh-server", "1:9.2p1-2+deb12u3", "amd64", "openssh",
                        "1:9.2p1-2+deb12u3", "BSD-2-clause", 1880064L,
                        "Debian OpenSSH Maintainers <debian-ssh@lists.debian.org>", SSH_LAYER, "/var/lib/dpkg/status",
                        "pkg:deb/debian/openssh-server@1%3A9.2p1-2%2Bdeb12u3?arch=amd64&upstream=openssh&distro=debian-12"));
        return new StoredAnalysis(digest, ANALYZER_VERSION, imageId, "debian", "12", "debian", "amd64", "linux",
                49871234L, 2, "Guessed", document, analyzedAt, packages);
    }

    private static String jsonString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
