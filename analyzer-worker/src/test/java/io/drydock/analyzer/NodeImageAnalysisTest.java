package io.drydock.analyzer;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.analyzer.catalogers.npm.NpmFixtures;
import io.drydock.analyzer.layer.LayerDescriptor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A Node.js image analysed end to end: a project installed by npm in one layer (real {@code node_modules} and
 * {@code package-lock.json}), a Yarn project shipped with its lock file only, and a later layer deleting one
 * installed package.
 */
class NodeImageAnalysisTest {

    private static final String CONFIG = """
            {"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[]}}
            """;

    @Test
    void reportsInstalledPackagesOnceAndLockedOnesOnlyWhereNothingIsInstalled() throws Exception {
        Path project = NpmFixtures.installed();
        Set<String> resolved = NpmFixtures.npmLs();
        TestTar app = tar().file("usr/lib/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
        try (Stream<Path> files = Files.walk(project)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = project.relativize(file).toString().replace('\\', '/');
                if (!relative.startsWith(".") && !relative.equals("npm-ls.json")) {
                    app.file("app/" + relative, Files.readAllBytes(file), 0644, 0, 0);
                }
            }
        }
        app.file("srv/web/yarn.lock", Files.readAllBytes(NpmFixtures.lockFile("yarn-1")), 0644, 0, 0);
        byte[] appLayer = app.gzip();
        byte[] removal = tar().file("app/node_modules/.wh.lodash", "").plain();

        Map<String, byte[]> blobs = new HashMap<>();
        List<LayerDescriptor> layers = TestImage.describeAll(appLayer, removal);
        blobs.put(layers.get(0).digest(), appLayer);
        blobs.put(layers.get(1).digest(), removal);
        ImageAnalysisResult result = new ImageAnalyzer(AnalyzerLimits.defaults()).analyze(AnalysisRequest.of(
                layers, CONFIG.getBytes(StandardCharsets.UTF_8), layer -> new ByteArrayInputStream(blobs.get(layer.digest()))));

        assertThat(result.warnings()).isEmpty();
        assertThat(result.packages()).allSatisfy(pkg -> {
            assertThat(pkg.type()).isEqualTo("npm");
            assertThat(pkg.layerDigest()).isEqualTo(layers.getFirst().digest());
        });
        Set<String> installed = new TreeSet<>(resolved);
        installed.remove("lodash@4.17.15");
        assertThat(pinned(result, pkg -> pkg.location().startsWith("/app/node_modules/"))).isEqualTo(installed);
        assertThat(pinned(result, pkg -> pkg.location().equals("/app/package-lock.json")))
                .as("the lock file speaks only for the package no longer installed")
                .containsExactly("lodash@4.17.15");
        assertThat(pinned(result, pkg -> pkg.location().equals("/srv/web/yarn.lock"))).isEqualTo(resolved);
        assertThat(result.packages()).hasSize(installed.size() + 1 + resolved.size());
    }

    @Test
    void warnsAboutHostileManifestsAndLockFilesAndGoesOn() throws Exception {
        byte[] layer = tar()
                .file("app/node_modules/deep/package.json", "[".repeat(50_000))
                .file("app/node_modules/ok/package.json", "{\"name\": \"ok\", \"version\": \"1.0.0\"}")
                .file("app/package-lock.json", "{\"lockfileVersion\": 3, \"packages\": {\"node_modules/x\": ")
                .file("src/go.mod", "require \"unterminated v1.0.0\n")
                .file("src/Cargo.lock", "[[package]]\nname = \"a\nversion = \"1\"\n")
                .gzip();
        List<LayerDescriptor> layers = TestImage.describeAll(layer);

        ImageAnalysisResult result = new ImageAnalyzer(AnalyzerLimits.defaults()).analyze(AnalysisRequest.of(
                layers, CONFIG.getBytes(StandardCharsets.UTF_8), descriptor -> new ByteArrayInputStream(layer)));

        assertThat(result.packages()).extracting(PackageRecord::name).containsExactly("ok");
        assertThat(result.warnings()).hasSize(4).anySatisfy(warning -> assertThat(warning)
                        .contains("NpmInstalledCataloger could not read /app/node_modules/deep/package.json")
                        .contains("not a valid package.json"))
                .anySatisfy(warning -> assertThat(warning).contains("NpmLockCataloger could not read /app/package-lock.json"))
                .anySatisfy(warning -> assertThat(warning).contains("/src/go.mod: line 1: unterminated quoted string"))
                .anySatisfy(warning -> assertThat(warning).contains("/src/Cargo.lock: line 2: unterminated string"));
    }

    private static Set<String> pinned(ImageAnalysisResult result, Predicate<PackageRecord> where) {
        Set<String> found = new TreeSet<>();
        result.packages().stream().filter(where).forEach(pkg -> found.add(pkg.name() + "@" + pkg.version()));
        return found;
    }
}
