package io.drydock.analyzer.worker;

import io.drydock.analyzer.TestTar;
import io.drydock.platform.account.AccountRepository;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis.StoredFile;
import io.drydock.platform.catalog.AnalysisJobRepository;
import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.outbox.Outbox;
import io.drydock.testkit.TestInfrastructure;
import io.drydock.testkit.TestPostgres;
import io.drydock.testkit.image.Compression;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import io.drydock.testkit.registry.TestRegistry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile images pushed to a real registry and analysed by the running worker: each ends {@code analysis_failed}
 * with a reason that says what was wrong, or {@code analyzed} with the hostile entries skipped or recorded as what
 * they are; the worker goes on analysing afterwards, and nothing lands on disk where the image aimed to write.
 */
@SpringBootTest(classes = AnalyzerTestApplication.class, properties = {
        "drydock.analyzer.poll-interval=10m",
        "drydock.analyzer.concurrency=2",
        // Lowered so that small test layers trip them: bombs inflate past 16 MB, package databases past 1 MB.
        "drydock.analyzer.max-uncompressed-size=16MB",
        "drydock.analyzer.max-file-size=1MB"})
class HostileImageIT {

    private static final String ACCOUNT = "hostile-test";
    private static final TestRegistry REGISTRY = TestRegistry.shared();
    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String DOCKER_CONFIG = "application/vnd.docker.container.image.v1+json";
    private static final String DOCKER_LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long EIGHT_GIB = (8L << 30) - 1;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("drydock.registry.insecure-registries", REGISTRY::hostPort);
    }

    @Autowired
    ImageRepository images;
    @Autowired
    AnalysisJobRepository jobs;
    @Autowired
    AnalysisRepository analyses;
    @Autowired
    AccountRepository accounts;
    @Autowired
    Outbox outbox;
    @Autowired
    TransactionTemplate transactions;

    private final RawRegistry raw = new RawRegistry(REGISTRY);
    private final String repo = "drydock/hostile-" + UUID.randomUUID().toString().substring(0, 8);
    private AnalysisQueue queue;

    @BeforeEach
    void cleanSlate() {
        TestPostgres.shared().truncate("image", "image_tag", "analysis_job", "analysis", "analysis_package", "event_log");
        accounts.createAccount(ACCOUNT, "user", null, Clock.systemUTC().instant());
        queue = new AnalysisQueue(images, jobs, outbox, transactions, REGISTRY, ACCOUNT, repo);
    }

    /**
     * Escapes (absolute names, {@code ../} climbs, writes through a symlink, hard links out of the image), a symlink
     * loop, device nodes and a FIFO, a NUL in a name, a sparse file claiming 8 GiB, a dozen nested archives and a
     * NUL in a config label: none of it stops the analysis. Escaping entries are skipped or kept inside the image's
     * own view, devices are recorded as devices, the sparse file at its real size, the archive as one file.
     */
    @Test
    void analysesAnImageFullOfEscapesAndOddEntriesWritingNothingWhereTheyPoint(@TempDir Path outside)
            throws IOException {
        String target = outside.toString();
        byte[] nested = TestTar.tar().file("innermost", "deep").plain();
        for (int depth = 0; depth < 12; depth++) {
            nested = TestTar.tar().file("level-" + depth + ".tar", nested, 0644, 0, 0).gzip();
        }
        byte[] tar = TestTar.tar()
                .file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                .file("lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\n\n")
                .file(target + "/absolute-victim", "an absolute name: kept, inside the image")
                .file("../".repeat(outside.getNameCount() + 2) + target.substring(1) + "/climb-victim", "skipped")
                .symlink("escape-dir", target)
                .file("escape-dir/through-symlink", "a naive extractor writes this outside")
                .hardlink("etc/hard-victim", target + "/hard-target")
                .symlink("loop", "loop")
                .charDevice("dev/null").blockDevice("dev/sda").fifo("run/pipe")
                .rawPax(Map.of("path", "etc/nul\0name"), TarConstants.LF_NORMAL)
                .oldGnuSparse("var/log/lastlog", "head".getBytes(StandardCharsets.UTF_8), EIGHT_GIB)
                .file("opt/archive.tar.gz", nested, 0644, 0, 0)
                .plain();
        TestImage image = TestImage.builder().layer(TestLayer.fromTar(tar, Compression.GZIP))
                .label("note", "a NUL\0inside").build();
        String digest = image.push(REGISTRY, repo, "escapes");

        queue.recordAndAnnounce(image, "escapes");

        Image analysed = queue.awaitOutcome(digest);
        assertThat(analysed.analysisStatus()).as(analysed.failureReason()).isEqualTo(AnalysisStatus.ANALYZED);
        JsonNode document = JSON.readTree(analyses.find(digest).orElseThrow().document());
        Map<String, StoredFile> files = new LinkedHashMap<>();
        analyses.forEachFile(digest, file -> files.put(file.path(), file));
        assertThat(files.keySet()).contains(target + "/absolute-victim", "/escape-dir/through-symlink", "/loop")
                .noneMatch(path -> path.contains("climb-victim") || path.contains("hard-victim")
                        || path.startsWith("/etc/nul"));
        assertThat(files.get("/dev/null").fileType()).isEqualTo("chrdev");
        assertThat(files.get("/dev/sda").fileType()).isEqualTo("blkdev");
        assertThat(files.get("/run/pipe").fileType()).isEqualTo("fifo");
        assertThat(files.get("/var/log/lastlog").size()).isEqualTo(EIGHT_GIB);
        assertThat(files.keySet()).filteredOn(path -> path.startsWith("/opt/")).containsExactly("/opt/archive.tar.gz");
        List<String> warnings = new ArrayList<>();
        document.path("warnings").values().forEach(warning -> warnings.add(warning.asString()));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("climb-victim").contains("leaves the image root"))
                .anySatisfy(w -> assertThat(w).contains("skipped hard link /etc/hard-victim"))
                .anySatisfy(w -> assertThat(w).contains("contains a NUL character"));
        assertThat(document.path("config").path("labels").path("note").asString()).isEqualTo("a NUL\uFFFDinside");
        assertThat(analyses.packages(digest, List.of())).singleElement()
                .satisfies(p -> assertThat(p.name()).isEqualTo("musl"));

        for (String victim : List.of("absolute-victim", "climb-victim", "through-symlink", "hard-target")) {
            assertThat(outside.resolve(victim)).doesNotExist();
        }
        try (Stream<Path> written = Files.walk(outside)) {
            assertThat(written).containsExactly(outside);
        }
    }

    /**
     * Every image here fails, each for its own reason, bounded (none is read past its limit) and without taking the
     * worker down: an ordinary image queued after them is analysed.
     */
    @Test
    void failsEachHostileImageWithItsReasonAndGoesOnAnalysing() {
        Map<String, String> expected = new LinkedHashMap<>();

        TestLayer gzipBomb = TestLayer.builder().file("zeros", new byte[32 << 20], 0644, 0, 0).build();
        expected.put(pushed("gzip-bomb", gzipBomb), "16777216 uncompressed bytes (limit)");
        TestLayer zstdBomb = TestLayer.builder().compression(Compression.ZSTD)
                .file("zeros", new byte[32 << 20], 0644, 0, 0).build();
        expected.put(pushed("zstd-bomb", zstdBomb), "16777216 uncompressed bytes (limit)");
        TestLayer headerChain = TestLayer.fromTar(TestTar.tar().longNameChain(20_000).plain(), Compression.GZIP);
        expected.put(pushed("header-chain", headerChain), "bytes of headers (PAX extended headers, GNU long names,"
                + " sparse maps) (limit)");
        TestLayer hugeStatus = TestLayer.builder().file("var/lib/dpkg/status", "Package: x\n".repeat(200_000))
                .build();
        expected.put(pushed("huge-dpkg", hugeStatus), "/var/lib/dpkg/status in layer " + hugeStatus.digest()
                + " has 2200000 bytes, more than the 1048576 bytes a file read into memory may have (limit)");
        byte[] badChecksum = TestTar.tar().file("a", "1").file("b", "2").plain();
        badChecksum[1024] = 'c';
        expected.put(pushed("bad-checksum", TestLayer.fromTar(badChecksum, Compression.GZIP)),
                "is truncated or corrupt: tar header checksum mismatch");

        TestLayer tampered = TestLayer.builder().compression(Compression.NONE).file("etc/data", "original").build();
        TestImage tamperedImage = TestImage.builder().layer(tampered).build();
        tamperedImage.push(REGISTRY, repo, "tampered");
        tamper(tampered);
        queue.recordAndAnnounce(tamperedImage, "tampered");
        // Retried as a registry fault (a proxy may have served a bad copy) until the attempts run out.
        expected.put(tamperedImage.manifestDigest(), "blob " + tampered.digest() + " digest mismatch");

        TestLayer small = TestLayer.builder().file("etc/data", "x".repeat(10_000)).build();
        byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\"}}"
                .getBytes(StandardCharsets.UTF_8);
        String configDigest = raw.pushBlob(repo, config);
        raw.pushBlob(repo, small.blobBytes());
        String lying = manifest("lying-size", config, configDigest, List.of(small), small.size() - 100);
        expected.put(manifest("ten-thousand-layers", config, configDigest, Collections.nCopies(10_000, small),
                small.size()), "image has 10000 layers, more than 1000 (limit)");
        byte[] notJson = "FROM scratch\n".getBytes(StandardCharsets.UTF_8);
        expected.put(manifest("not-json", notJson, raw.pushBlob(repo, notJson), List.of(small), small.size()),
                "image config is not valid JSON");
        TestImage hugeConfig = TestImage.builder().layer(small).label("padding", "x".repeat(9 << 20)).build();
        expected.put(pushed(hugeConfig, "huge-config"), "is larger than the limit of 8388608 bytes");

        expected.forEach((digest, reason) -> {
            Image failed = queue.awaitOutcome(digest);
            assertThat(failed.analysisStatus()).as(digest + ": " + failed.failureReason())
                    .isEqualTo(AnalysisStatus.ANALYSIS_FAILED);
            assertThat(failed.failureReason()).as(digest).contains(reason);
            assertThat(analyses.find(digest)).isEmpty();
        });
        // Counted against the bytes actually read; the registry client may notice the lie first, in its own words.
        Image lied = queue.awaitOutcome(lying);
        assertThat(lied.analysisStatus()).isEqualTo(AnalysisStatus.ANALYSIS_FAILED);
        assertThat(lied.failureReason()).contains(small.digest())
                .satisfiesAnyOf(reason -> assertThat(reason).contains("longer than the " + (small.size() - 100)
                                + " bytes the manifest says"),
                        reason -> assertThat(reason).contains("larger than its descriptor says ("
                                + (small.size() - 100) + " bytes)"));

        TestImage good = TestImage.builder().layer(TestLayer.builder()
                .file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                .file("lib/apk/db/installed", "P:musl\nV:1.2.5-r0\nA:x86_64\n\n").build()).build();
        String goodDigest = pushed(good, "good");
        Image analysed = queue.awaitOutcome(goodDigest);
        assertThat(analysed.analysisStatus()).as(analysed.failureReason()).isEqualTo(AnalysisStatus.ANALYZED);
        assertThat(analyses.packages(goodDigest, List.of())).hasSize(1);
    }

    /** A one-layer image of this layer, pushed and announced; returns its digest. */
    private String pushed(String tag, TestLayer layer) {
        return pushed(TestImage.builder().layer(layer).build(), tag);
    }

    private String pushed(TestImage image, String tag) {
        String digest = image.push(REGISTRY, repo, tag);
        queue.recordAndAnnounce(image, tag);
        return digest;
    }

    /** A manifest written by hand (the builders refuse to lie), with every layer declared at {@code layerSize}. */
    private String manifest(String tag, byte[] config, String configDigest, List<TestLayer> layers, long layerSize) {
        List<Object> descriptors = new ArrayList<>();
        for (TestLayer layer : layers) {
            descriptors.add(Map.of("mediaType", DOCKER_LAYER, "digest", layer.digest(), "size", layerSize));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("schemaVersion", 2);
        document.put("mediaType", DOCKER_MANIFEST);
        document.put("config", Map.of("mediaType", DOCKER_CONFIG, "digest", configDigest, "size", config.length));
        document.put("layers", descriptors);
        byte[] manifest = JSON.writeValueAsBytes(document);
        String digest = raw.pushManifest(repo, tag, DOCKER_MANIFEST, manifest);
        queue.recordAndAnnounce(digest, configDigest, manifest, layerSize * layers.size(), tag);
        return digest;
    }

    /**
     * Changes one byte of file content in the registry's stored copy: the tar still reads, so only the digest can
     * tell. The registry verifies digests on upload, never on download.
     */
    private static void tamper(TestLayer layer) {
        try {
            Path stored = REGISTRY.blobFile(layer.digest());
            byte[] bytes = Files.readAllBytes(stored);
            int content = new String(bytes, StandardCharsets.ISO_8859_1).indexOf("original");
            bytes[content] = 'O';
            Files.write(stored, bytes);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
