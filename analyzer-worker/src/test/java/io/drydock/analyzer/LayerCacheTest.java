package io.drydock.analyzer;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;

import io.drydock.analyzer.catalogers.Catalogers;
import io.drydock.analyzer.layer.LayerCache;
import io.drydock.analyzer.layer.LayerChanges;
import io.drydock.analyzer.layer.LayerChangesCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * Layers shared between images are read once: the second image's result, built from cached findings of the shared
 * base layer, is exactly what reading every layer gives.
 */
class LayerCacheTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STATUS = """
            Package: base-files
            Status: install ok installed
            Architecture: amd64
            Version: 12.4+deb12u5

            Package: libssl3
            Status: install ok installed
            Architecture: amd64
            Source: openssl
            Version: 3.0.11-1~deb12u1
            """;

    /** Round-trips every entry through the codec, as the database cache does, and counts what it was asked. */
    private static final class MemoryCache implements LayerCache {
        final Map<String, byte[]> entries = new HashMap<>();
        final Set<String> hits = new HashSet<>();

        @Override
        public Optional<LayerChanges> find(String layerDigest, String key) {
            byte[] encoded = entries.get(layerDigest + " " + key);
            if (encoded == null) {
                return Optional.empty();
            }
            hits.add(layerDigest);
            return Optional.of(LayerChangesCodec.decode(encoded));
        }

        @Override
        public void store(String layerDigest, String key, LayerChanges changes) {
            entries.put(layerDigest + " " + key, LayerChangesCodec.encode(changes));
        }
    }

    @TempDir
    Path temp;

    private final byte[] base = tar()
            .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n")
            .file("var/lib/dpkg/status", STATUS)
            .file("etc/passwd", "root:x:0:0:root:/root:/bin/bash\n")
            .file("usr/bin/passwd", "elf".getBytes(StandardCharsets.UTF_8), 04755, 0, 0)
            .file("root/.aws/credentials", "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\n")
            .symlink("usr/bin/escape", "../../../../etc/shadow")
            .gzip();
    private final byte[] upgrade = tar()
            .file("var/lib/dpkg/status", STATUS.replace("3.0.11-1~deb12u1", "3.0.11-1~deb12u2"))
            .file("root/.aws/.wh.credentials", "")
            .gzip();
    private final byte[] other = tar().file("srv/site/index.html", "<h1>hi</h1>").gzip();

    @Test
    void reusesTheFindingsOfASharedLayerAndGetsTheSameResult() throws Exception {
        MemoryCache cache = new MemoryCache();
        ImageAnalyzer cached = new ImageAnalyzer(AnalyzerLimits.defaults(), Catalogers.defaults(),
                AnalysisOptions.defaults(), temp, cache);
        ImageAnalyzer uncached = new ImageAnalyzer(AnalyzerLimits.defaults(), Catalogers.defaults(),
                AnalysisOptions.defaults(), temp);

        TestImage.analyze(cached, base, upgrade);
        assertThat(cache.entries).hasSize(2);
        assertThat(cache.hits).isEmpty();

        ImageAnalysisResult fromCache = TestImage.analyze(cached, base, other);
        ImageAnalysisResult fromLayers = TestImage.analyze(uncached, base, other);

        assertThat(cache.hits).containsExactly(TestTar.describe(base).digest());
        assertThat(JSON.writeValueAsString(fromCache)).isEqualTo(JSON.writeValueAsString(fromLayers));
        assertThat(fromCache.packages()).hasSize(2);
        assertThat(fromCache.secretSearch()).hasSize(1);
        assertThat(fromCache.retrievedFiles()).hasSize(1);
        assertThat(fromCache.warnings()).as("the base layer's warnings are repeated from the cache")
                .anySatisfy(w -> assertThat(w).contains("/usr/bin/escape"));
    }

    @Test
    void aCachedLayerTakesItsPlaceInTheNewImage() throws Exception {
        MemoryCache cache = new MemoryCache();
        ImageAnalyzer cached = new ImageAnalyzer(AnalyzerLimits.defaults(), Catalogers.defaults(),
                AnalysisOptions.defaults(), temp, cache);
        TestImage.analyze(cached, other, base);

        // The base layer was the second layer of the first image; here it is the first, under an upgrade.
        ImageAnalysisResult result = TestImage.analyze(cached, base, upgrade);
        ImageAnalysisResult expected = TestImage.analyze(new ImageAnalyzer(AnalyzerLimits.defaults(),
                Catalogers.defaults(), AnalysisOptions.defaults(), temp), base, upgrade);

        assertThat(JSON.writeValueAsString(result)).isEqualTo(JSON.writeValueAsString(expected));
        assertThat(result.packages()).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("libssl3");
            assertThat(p.layerDigest()).isEqualTo(TestTar.describe(upgrade).digest());
        });
        assertThat(result.secretSearch()).as("deleted by the upgrade layer").isEmpty();
    }

    @Test
    void anotherConfigurationDoesNotShareEntries() {
        String defaults = ImageAnalyzer.cacheKey(AnalyzerLimits.defaults(), Catalogers.defaults(),
                AnalysisOptions.defaults());
        assertThat(ImageAnalyzer.cacheKey(AnalyzerLimits.defaults().withMaxFileBytes(1024), Catalogers.defaults(),
                AnalysisOptions.defaults())).isNotEqualTo(defaults);
        assertThat(ImageAnalyzer.cacheKey(AnalyzerLimits.defaults(), Catalogers.defaults(),
                new AnalysisOptions(AnalysisOptions.defaults().search(), java.util.List.of("/etc/group"), 1024)))
                .isNotEqualTo(defaults);
        assertThat(defaults).startsWith(ImageAnalyzer.VERSION + "/");
    }
}
