package io.drydock.analyzer;

import static io.drydock.analyzer.TestTar.tar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.Catalogers;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.ScannedFile;
import io.drydock.analyzer.search.ContentMatch;
import io.drydock.analyzer.search.ContentSearch;
import io.drydock.analyzer.search.NamedPattern;
import io.drydock.analyzer.search.PathMatches;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What file catalogers and content searches find, and how long it lives: attributed to the layer that wrote the file,
 * gone when a later layer deletes or replaces it, carried by hard links, read from temporary disk when large.
 */
class FileFindingsTest {

    /** A stand-in cataloger for files named {@code *.pkg} whose content is {@code name version}. */
    private static final class PkgFiles implements FileCataloger {
        final List<Boolean> inMemory = Collections.synchronizedList(new ArrayList<>());
        final List<Path> tempFiles = Collections.synchronizedList(new ArrayList<>());

        @Override
        public boolean wants(String path, long size, byte[] head) {
            return path.endsWith(".pkg");
        }

        @Override
        public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
            inMemory.add(file.bytes().isPresent());
            file.file().ifPresent(tempFiles::add);
            String text;
            try (InputStream in = file.open()) {
                text = new String(in.readNBytes(200), StandardCharsets.UTF_8).trim();
            }
            if (text.startsWith("corrupt")) {
                throw new IOException("not a package file");
            }
            String[] parts = text.split("\\s+");
            return List.of(PackageRecord.language(PackageTypes.NPM, parts[0], parts[1], List.of(), null, file.path(),
                    "pkg:npm/" + parts[0] + "@" + parts[1], List.of(), List.of(), Map.of()));
        }
    }

    @TempDir
    Path temp;

    private final PkgFiles cataloger = new PkgFiles();

    private ImageAnalyzer analyzer(AnalyzerLimits limits, AnalysisOptions options) {
        return new ImageAnalyzer(limits, new Catalogers(Catalogers.defaults().packageCatalogers(), List.of(cataloger)),
                options, temp);
    }

    @Test
    void attributesPackagesToTheLayerThatWroteTheFileAndDropsThemWithIt() {
        byte[] base = tar().file("app/a.pkg", "alpha 1.0").file("app/b.pkg", "beta 1.0")
                .file("app/gone/c.pkg", "gamma 1.0").file("app/broken.pkg", "corrupt").gzip();
        byte[] upper = tar().file("app/b.pkg", "beta 2.0").file("app/.wh.gone", "")
                .hardlink("app/link-to-b.pkg", "app/b.pkg").gzip();

        ImageAnalysisResult result = TestImage.analyze(analyzer(AnalyzerLimits.defaults(), AnalysisOptions.defaults()),
                base, upper);

        String baseDigest = TestTar.describe(base).digest();
        String upperDigest = TestTar.describe(upper).digest();
        assertThat(result.packages()).extracting(PackageRecord::name, PackageRecord::version, PackageRecord::location,
                        PackageRecord::layerDigest)
                .containsExactlyInAnyOrder(
                        tuple("alpha", "1.0", "/app/a.pkg", baseDigest),
                        tuple("beta", "2.0", "/app/b.pkg", upperDigest),
                        tuple("beta", "2.0", "/app/link-to-b.pkg", upperDigest));
        assertThat(result.warnings()).anySatisfy(w -> assertThat(w).contains("/app/broken.pkg")
                .contains("not a package file"));
    }

    @Test
    void readsFilesAboveTheSingleFileLimitFromTemporaryDiskAndDeletesThem() throws IOException {
        byte[] large = ("big 3.0\n" + "x".repeat(5000)).getBytes(StandardCharsets.UTF_8);
        byte[] layer = tar().file("opt/big.pkg", large, 0644, 0, 0).file("opt/small.pkg", "small 1.0").gzip();

        ImageAnalysisResult result = TestImage.analyze(
                analyzer(AnalyzerLimits.defaults().withMaxFileBytes(1024), AnalysisOptions.defaults()), layer);

        assertThat(result.packages()).extracting(PackageRecord::name).containsExactlyInAnyOrder("big", "small");
        assertThat(cataloger.inMemory).containsExactlyInAnyOrder(false, true);
        assertThat(cataloger.tempFiles).hasSize(1).allSatisfy(file -> assertThat(file).doesNotExist());
        try (var left = Files.list(temp)) {
            assertThat(left).as("each analysis removes its temporary directory").isEmpty();
        }
    }

    @Test
    void failsTheAnalysisWhenTemporaryDiskWouldRunOut() {
        byte[] layer = tar().file("opt/big.pkg", ("big 3.0\n" + "x".repeat(5000)).getBytes(StandardCharsets.UTF_8),
                0644, 0, 0).gzip();
        ImageAnalyzer small = analyzer(AnalyzerLimits.defaults().withMaxFileBytes(1024).withMaxTempBytes(2048),
                AnalysisOptions.defaults());

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TestImage.analyze(small, layer))
                .isInstanceOf(AnalysisFailure.class).hasMessageContaining("temporary disk");
    }

    @Test
    void findsSecretsByNameAndLineWithoutKeepingThem() {
        String awsKey = "AKIA" + "IOSFODNN7EXAMPLE";
        byte[] layer = tar()
                .file("root/.aws/credentials", "[default]\naws_access_key_id = " + awsKey + "\n")
                .file("etc/ssl/private/server.key", "-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----\n")
                .file("root/.docker/config.json", "{\n  \"auths\": {\n    \"r.example\": {\n      \"auth\": \"dXNlcjpwYXNz\"\n    }\n  }\n}\n")
                .file("usr/share/doc/readme", "nothing to see\n")
                .file("big/file", "-----BEGIN PRIVATE KEY-----\n" + "a".repeat(20_000))
                .file("app/settings.ini", "team = payments\n")
                .gzip();
        AnalysisOptions options = new AnalysisOptions(new ContentSearch(
                ContentSearch.DEFAULT_SECRET_SEARCHES.stream().map(NamedPattern::parse).toList(),
                List.of(NamedPattern.parse("TEAM=team *= *\\w+")), ContentSearch.DEFAULT_MAX_FILE_SIZE),
                List.of("/etc/passwd"), AnalysisOptions.DEFAULT_RETRIEVE_MAX_BYTES);

        ImageAnalysisResult result = TestImage.analyze(analyzer(AnalyzerLimits.defaults(), options), layer);

        assertThat(result.secretSearch()).extracting(PathMatches::path).containsExactly(
                "/etc/ssl/private/server.key", "/root/.aws/credentials", "/root/.docker/config.json");
        assertThat(matches(result.secretSearch(), "/root/.aws/credentials"))
                .extracting(ContentMatch::name, ContentMatch::lines).containsExactly(tuple("AWS_ACCESS_KEY", List.of(2)));
        assertThat(matches(result.secretSearch(), "/etc/ssl/private/server.key"))
                .extracting(ContentMatch::name, ContentMatch::lines).containsExactly(tuple("PRIV_KEY", List.of(1)));
        assertThat(matches(result.secretSearch(), "/root/.docker/config.json"))
                .extracting(ContentMatch::name, ContentMatch::lines).containsExactly(tuple("DOCKER_AUTH", List.of(4)));
        assertThat(result.contentSearch()).extracting(PathMatches::path).containsExactly("/app/settings.ini");
        assertThat(result.toString()).as("the secret itself is never kept").doesNotContain(awsKey)
                .doesNotContain("dXNlcjpwYXNz");
    }

    @Test
    void retrievesConfiguredFilesWithinTheSizeLimit() {
        String passwd = "root:x:0:0:root:/root:/bin/bash\n";
        byte[] layer = tar().file("etc/passwd", passwd).file("etc/big", "x".repeat(3000)).gzip();
        AnalysisOptions options = new AnalysisOptions(ContentSearch.none(), List.of("/etc/passwd", "/etc/big",
                "/etc/missing"), 2048);

        ImageAnalysisResult result = TestImage.analyze(analyzer(AnalyzerLimits.defaults(), options), layer);

        assertThat(result.retrievedFiles()).hasSize(1);
        assertThat(result.retrievedFiles().getFirst().path()).isEqualTo("/etc/passwd");
        assertThat(new String(Base64.getDecoder().decode(result.retrievedFiles().getFirst().b64Content()),
                StandardCharsets.UTF_8)).isEqualTo(passwd);
    }

    private static List<ContentMatch> matches(List<PathMatches> all, String path) {
        return all.stream().filter(p -> p.path().equals(path)).findFirst().orElseThrow().matches();
    }
}
