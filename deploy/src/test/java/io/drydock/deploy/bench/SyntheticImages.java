package io.drydock.deploy.bench;

import io.drydock.deploy.bench.SyntheticFeed.DebianPackage;
import io.drydock.deploy.bench.SyntheticFeed.LanguagePackage;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Analysed Debian 12 images generated from a fixed seed, shaped as analyzer-worker stores them: every image holds the
 * minbase packages (about 100 dpkg binaries of {@link SyntheticFeed#BASE_SOURCES}) at the point release it was built
 * with, 5–45 further source packages drawn by an installation popularity independent of the feed's order (so 100–200 dpkg packages),
 * and, for some images, an application's npm (35%), Python (30%), Java (20%) or Go (15%) packages drawn the same way.
 * Image {@code i} is the same image on every run.
 */
final class SyntheticImages {

    private static final String LAYER = "sha256:" + "5e".repeat(32);
    private static final Instant ANALYSED = Instant.parse("2026-11-01T00:00:00Z");

    private final SyntheticFeed feed;
    private final long seed;
    private final List<DebianPackage> base;
    private final List<DebianPackage> extras;
    private final double[] extraWeights;
    private final double[] npmWeights;
    private final double[] pypiWeights;
    private final double[] mavenWeights;
    private final double[] goWeights;

    SyntheticImages(SyntheticFeed feed, long seed) {
        this.feed = feed;
        this.seed = seed;
        Set<String> baseNames = Set.copyOf(SyntheticFeed.BASE_SOURCES);
        this.base = feed.debian().stream().filter(p -> baseNames.contains(p.source())).toList();
        // How often a package is installed has little to do with how many advisories it has (linux and chromium
        // lead the feed and are rare in containers): the extras are ranked by a shuffle of the feed's order.
        List<DebianPackage> others = new ArrayList<>(feed.debian().stream()
                .filter(p -> !baseNames.contains(p.source())).toList());
        java.util.Collections.shuffle(others, new Random(seed + 7));
        this.extras = List.copyOf(others);
        this.extraWeights = cumulative(extras.size(), 20);
        this.npmWeights = cumulative(feed.npm().size(), 5);
        this.pypiWeights = cumulative(feed.pypi().size(), 5);
        this.mavenWeights = cumulative(feed.maven().size(), 5);
        this.goWeights = cumulative(feed.go().size(), 5);
    }

    /** The non-base Debian source packages by popularity (most installed first). */
    List<DebianPackage> extras() {
        return extras;
    }

    static String digest(long seed, int index) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(("drydock-bench-image-" + seed + "-" + index).getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    StoredAnalysis image(int index) {
        Random random = new Random(seed * 104_729L + index);
        String digest = digest(seed, index);
        List<StoredPackage> packages = new ArrayList<>();
        for (DebianPackage pkg : base) {
            dpkg(packages, pkg, random);
        }
        int extraCount = 5 + random.nextInt(41);
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < extraCount) {
            chosen.add(draw(extraWeights, random));
        }
        for (int i : chosen) {
            dpkg(packages, extras.get(i), random);
        }
        if (random.nextDouble() < 0.35) {
            language(packages, "npm", feed.npm(), npmWeights, 40 + random.nextInt(111), random);
        }
        if (random.nextDouble() < 0.30) {
            language(packages, "python", feed.pypi(), pypiWeights, 15 + random.nextInt(46), random);
        }
        if (random.nextDouble() < 0.20) {
            language(packages, "java", feed.maven(), mavenWeights, 20 + random.nextInt(61), random);
        }
        if (random.nextDouble() < 0.15) {
            language(packages, "go", feed.go(), goWeights, 10 + random.nextInt(31), random);
        }
        return new StoredAnalysis(digest, "drydock-analyzer-bench", digest.substring(7), "debian", "12", null,
                "amd64", "linux", 80_000_000L + random.nextInt(400_000_000), 3, "Guessed", "{}", ANALYSED, packages,
                List.of());
    }

    private static void dpkg(List<StoredPackage> packages, DebianPackage pkg, Random random) {
        String version = pkg.bookwormVersion(random.nextInt(pkg.pointRelease() + 1));
        for (String binary : pkg.binaries()) {
            packages.add(new StoredPackage("dpkg", binary, version, "amd64", pkg.source(), version, "GPL-2+",
                    100_000L + random.nextInt(5_000_000), "Debian Developers", LAYER, "/var/lib/dpkg/status",
                    "pkg:deb/debian/" + binary + "@" + version + "?arch=amd64&distro=debian-12", List.of(), Map.of()));
        }
    }

    private static void language(List<StoredPackage> packages, String type, List<LanguagePackage> universe,
                                 double[] weights, int count, Random random) {
        Set<Integer> chosen = new LinkedHashSet<>();
        while (chosen.size() < Math.min(count, universe.size())) {
            chosen.add(draw(weights, random));
        }
        for (int i : chosen) {
            LanguagePackage pkg = universe.get(i);
            int major = Math.max(1, pkg.major() - random.nextInt(2));
            String version = major + "." + random.nextInt(pkg.minor() + 1) + "." + random.nextInt(pkg.patch() + 1);
            packages.add(switch (type) {
                case "npm" -> new StoredPackage("npm", pkg.name(), version, null, null, null, "MIT", null, null, LAYER,
                        "/app/node_modules/" + pkg.name() + "/package.json",
                        "pkg:npm/" + pkg.name().replace("@", "%40") + "@" + version, List.of(), Map.of());
                case "python" -> new StoredPackage("python", pkg.name(), version, null, null, null, "MIT", null, null,
                        LAYER, "/usr/local/lib/python3.11/site-packages/" + pkg.name() + "-" + version + ".dist-info/METADATA",
                        "pkg:pypi/" + pkg.name().toLowerCase(java.util.Locale.ROOT) + "@" + version, List.of(), Map.of());
                case "java" -> {
                    String[] coordinates = pkg.name().split(":");
                    yield new StoredPackage("java", coordinates[1], version, null, null, null, "", null, coordinates[0],
                            LAYER, "/app/lib/" + coordinates[1] + "-" + version + ".jar",
                            "pkg:maven/" + coordinates[0] + "/" + coordinates[1] + "@" + version, List.of(),
                            Map.of("java-type", "JAVA-JAR", "pom.groupId", coordinates[0], "pom.artifactId",
                                    coordinates[1], "pom.version", version));
                }
                default -> new StoredPackage("go", pkg.name(), "v" + version, null, null, null, "", null, null, LAYER,
                        "/usr/local/bin/app", "pkg:golang/" + pkg.name() + "@v" + version, List.of(), Map.of());
            });
        }
    }

    /** Cumulative weights of ranks 0..n-1, rank r weighing 1/(r+offset). */
    private static double[] cumulative(int n, int offset) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += 1.0 / (r + offset);
            cumulative[r] = sum;
        }
        return cumulative;
    }

    private static int draw(double[] cumulative, Random random) {
        double x = random.nextDouble() * cumulative[cumulative.length - 1];
        int i = Arrays.binarySearch(cumulative, x);
        return Math.min(cumulative.length - 1, i >= 0 ? i : -i - 1);
    }
}
