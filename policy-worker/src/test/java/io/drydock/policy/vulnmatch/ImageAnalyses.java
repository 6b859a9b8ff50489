package io.drydock.policy.vulnmatch;

import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Analyses shaped as analyzer-worker stores them: the packages each cataloger reports, with their real fields. */
final class ImageAnalyses {

    private static final String LAYER = "sha256:" + "1a".repeat(32);

    private ImageAnalyses() {
    }

    static String randomDigest() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "sha256:" + HexFormat.of().formatHex(bytes);
    }

    static StoredAnalysis analysis(String digest, String distro, String version, String like,
                                   List<StoredPackage> packages) {
        return new StoredAnalysis(digest, "drydock-analyzer-1", digest.substring(7), distro, version, like, "amd64",
                "linux", 1_000_000L, 1, "Guessed", "{}", Instant.now(), packages, List.of());
    }

    /** A dpkg package: {@code Source} (else the package name) as sourceName, the version with its epoch. */
    static StoredPackage dpkg(String name, String version, String source) {
        return new StoredPackage("dpkg", name, version, "amd64", source, version, "GPL-2", 1024L,
                "Debian Maintainers", LAYER, "/var/lib/dpkg/status",
                "pkg:deb/debian/" + name + "@" + version + "?arch=amd64&distro=debian-12", List.of(), Map.of());
    }

    /** An apk package: its origin as sourceName. */
    static StoredPackage apk(String name, String version, String origin) {
        return new StoredPackage("APKG", name, version, "x86_64", origin, version, "Apache-2.0", 1024L, null, LAYER,
                "/lib/apk/db/installed", "pkg:apk/alpine/" + name + "@" + version, List.of(), Map.of());
    }

    /** A jar as the java cataloger reports it: artifactId as name, Maven coordinates in the pom.* metadata. */
    static StoredPackage jar(String groupId, String artifactId, String version, String location) {
        return new StoredPackage("java", artifactId, version, null, null, null, "", null, groupId, LAYER, location,
                "pkg:maven/" + groupId + "/" + artifactId + "@" + version, List.of(),
                Map.of("java-type", "JAVA-JAR", "pom.groupId", groupId, "pom.artifactId", artifactId,
                        "pom.version", version, "maven-version", version));
    }

    static StoredPackage npm(String name, String version, String location) {
        return new StoredPackage("npm", name, version, null, null, null, "MIT", null, null, LAYER, location,
                "pkg:npm/" + name.replace("@", "%40") + "@" + version, List.of(), Map.of());
    }

    static StoredPackage python(String name, String version, String location) {
        return new StoredPackage("python", name, version, null, null, null, "MIT", null, null, LAYER, location,
                "pkg:pypi/" + name.toLowerCase() + "@" + version, List.of(), Map.of());
    }
}
