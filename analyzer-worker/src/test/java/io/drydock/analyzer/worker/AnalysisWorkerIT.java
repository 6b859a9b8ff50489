package io.drydock.analyzer.worker;

import io.drydock.analyzer.ImageAnalyzer;
import io.drydock.analyzer.layer.CollectedFile;
import io.drydock.analyzer.layer.LayerChanges;
import io.drydock.analyzer.layer.LayerChangesCodec;
import io.drydock.platform.account.AccountRepository;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.platform.catalog.AnalysisJobRepository;
import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.credentials.NewRegistryCredential;
import io.drydock.platform.credentials.RegistryCredentialRepository;
import io.drydock.platform.messaging.EventCodec;
import io.drydock.platform.outbox.Outbox;
import io.drydock.schemas.events.AnalysisComplete;
import io.drydock.schemas.events.AnalysisOutcome;
import io.drydock.schemas.events.Topics;
import io.drydock.testkit.TestInfrastructure;
import io.drydock.testkit.TestPostgres;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import io.drydock.testkit.registry.TestRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import static io.drydock.schemas.db.Tables.ANALYSIS_JOB;
import static io.drydock.schemas.db.Tables.LAYER_ANALYSIS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analyzer as a service: an image recorded and announced the way the gateway does it is pulled from a real
 * registry, analysed and stored, or fails with its reason, and the outcome is published.
 */
@SpringBootTest(classes = AnalyzerTestApplication.class, properties = {
        // Jobs start only because image-added woke the worker, so the tests cover that path.
        "drydock.analyzer.poll-interval=10m",
        "drydock.analyzer.concurrency=2",
        // Lowered so that one test image trips it; every other test image stays far below.
        "drydock.analyzer.max-entries=200"})
class AnalysisWorkerIT {

    private static final String ACCOUNT = "analyzer-test";
    private static final TestRegistry REGISTRY = TestRegistry.shared();
    private static final String PRIVATE_USER = "ci-robot";
    private static final String PRIVATE_PASSWORD = "F@o:Bar!x";
    private static final TestRegistry PRIVATE_REGISTRY = TestRegistry.startWithBasicAuth(PRIVATE_USER, PRIVATE_PASSWORD);
    private static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("drydock.registry.insecure-registries", () -> REGISTRY.hostPort() + "," + PRIVATE_REGISTRY.hostPort());
        // Registry passwords are stored encrypted under the key of this run.
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        registry.add("DRYDOCK_SECRET_KEY", () -> Base64.getEncoder().encodeToString(key));
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
    EventCodec codec;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DSLContext dsl;
    @Autowired
    KafkaTemplate<String, byte[]> kafka;
    @Autowired
    RegistryCredentialRepository registryCredentials;

    private final Clock clock = Clock.systemUTC();
    private final RawRegistry raw = new RawRegistry(REGISTRY);
    private final String repo = "drydock/analyzer-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void cleanSlate() {
        TestPostgres.shared().truncate("image", "image_tag", "analysis_job", "analysis", "analysis_package", "event_log",
                "registry_credential");
        accounts.createAccount(ACCOUNT, "user", null, clock.instant());
    }

    @Test
    void analysesAnAlpineImageAndAttributesEachPackageToTheLayerThatAddedIt() {
        TestLayer base = alpineBase(repo);
        TestLayer curl = TestLayer.builder()
                .file("lib/apk/db/installed", APK_MUSL + APK_BUSYBOX + APK_CURL)
                .file("usr/bin/curl", new byte[]{0x7f, 'E', 'L', 'F'}, 0755, 0, 0)
                .build();
        TestImage image = TestImage.builder()
                .layer(base, "/bin/sh -c #(nop) ADD file:alpine-minirootfs.tar.gz in / ")
                .layer(curl, "/bin/sh -c apk add --no-cache curl")
                .cmd("/bin/sh")
                .build();
        String digest = image.push(REGISTRY, repo, "3.20");

        UUID job = recordAndAnnounce(image, "3.20");

        Image analysed = awaitOutcome(digest);
        assertThat(analysed.analysisStatus()).as(analysed.failureReason()).isEqualTo(AnalysisStatus.ANALYZED);
        assertThat(analysed.imageId()).isEqualTo(image.configDigest().substring("sha256:".length()));
        assertThat(analysed.analyzedAt()).isNotNull();

        StoredAnalysis analysis = analyses.find(digest).orElseThrow();
        assertThat(analysis.distro()).isEqualTo("alpine");
        assertThat(analysis.distroVersion()).isEqualTo("3.20.3");
        assertThat(analysis.arch()).isEqualTo("amd64");
        assertThat(analysis.os()).isEqualTo("linux");
        assertThat(analysis.layerCount()).isEqualTo(2);
        assertThat(analysis.analyzerVersion()).isEqualTo(ImageAnalyzer.VERSION);

        List<StoredPackage> packages = analyses.packages(digest, List.of());
        assertThat(packages).extracting(StoredPackage::pkgType).containsOnly("APKG");
        Map<String, StoredPackage> byName = new LinkedHashMap<>();
        packages.forEach(p -> byName.put(p.name(), p));
        assertThat(byName.keySet()).containsExactlyInAnyOrder("musl", "busybox", "curl");
        assertThat(byName.get("musl").version()).isEqualTo("1.2.5-r0");
        assertThat(byName.get("musl").layerDigest()).isEqualTo(base.digest());
        assertThat(byName.get("busybox").layerDigest()).isEqualTo(base.digest());
        assertThat(byName.get("curl").version()).isEqualTo("8.9.1-r1");
        assertThat(byName.get("curl").layerDigest()).as("added by the second layer").isEqualTo(curl.digest());
        assertThat(byName.get("curl").location()).isEqualTo("/lib/apk/db/installed");
        assertThat(byName.get("curl").licenses()).isEqualTo("curl");
        assertThat(byName.get("curl").purl()).startsWith("pkg:apk/alpine/curl@8.9.1-r1?arch=x86_64");

        AnalysisComplete complete = analysisComplete(digest);
        assertThat(complete.status()).isEqualTo(AnalysisOutcome.ANALYZED);
        assertThat(complete.jobId()).isEqualTo(job);
        assertThat(complete.failureReason()).isNull();
        assertThat(complete.metadata().account()).isEqualTo(ACCOUNT);

        var finished = dsl.fetchSingle(ANALYSIS_JOB, ANALYSIS_JOB.ID.eq(job));
        assertThat(finished.getState()).isEqualTo("succeeded");
        assertThat(finished.getAttempts()).isEqualTo(1);
        assertThat(finished.getLeaseExpiresAt()).isNull();
    }

    /**
     * The second image shares the first one's base layer: its analysis uses the base layer's cached findings instead of
     * reading the layer. To prove that the cache (not the registry) supplied them, the cached package database is
     * altered between the two analyses and the second image reports the altered version.
     */
    @Test
    void buildsAnImageFromTheCachedFindingsOfALayerItSharesWithAnEarlierImage() {
        TestLayer base = alpineBase(repo);
        TestImage first = TestImage.builder().layer(base).layer(TestLayer.builder().file("srv/one", "1").build())
                .build();
        String firstDigest = first.push(REGISTRY, repo, "one");
        recordAndAnnounce(first, "one");
        assertThat(awaitOutcome(firstDigest).analysisStatus()).isEqualTo(AnalysisStatus.ANALYZED);

        var cached = dsl.selectFrom(LAYER_ANALYSIS).where(LAYER_ANALYSIS.LAYER_DIGEST.eq(base.digest())).fetchOne();
        assertThat(cached).as("the base layer's findings are cached").isNotNull();
        assertThat(cached.getAnalyzerVersion()).startsWith(ImageAnalyzer.VERSION + "/");
        LayerChanges changes = LayerChangesCodec.decode(cached.getFindings());
        Map<String, CollectedFile> contents = new LinkedHashMap<>(changes.contents());
        CollectedFile database = contents.get("lib/apk/db/installed");
        contents.put("lib/apk/db/installed", new CollectedFile(new String(database.content(), StandardCharsets.UTF_8)
                .replace("V:1.2.5-r0", "V:1.2.5-r99").getBytes(StandardCharsets.UTF_8), false, true));
        LayerChanges altered = new LayerChanges(changes.index(), changes.digest(), changes.entries(),
                changes.whiteouts(), changes.opaqueDirs(), contents, changes.findings(), changes.entryCount(),
                changes.fileBytes(), changes.warnings());
        dsl.update(LAYER_ANALYSIS).set(LAYER_ANALYSIS.FINDINGS, LayerChangesCodec.encode(altered))
                .where(LAYER_ANALYSIS.LAYER_DIGEST.eq(base.digest())).execute();

        TestImage second = TestImage.builder().layer(base).layer(TestLayer.builder().file("srv/two", "2").build())
                .build();
        String secondDigest = second.push(REGISTRY, repo, "two");
        recordAndAnnounce(second, "two");
        assertThat(awaitOutcome(secondDigest).analysisStatus()).isEqualTo(AnalysisStatus.ANALYZED);

        assertThat(analyses.packages(secondDigest, List.of())).filteredOn(p -> p.name().equals("musl"))
                .singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("1.2.5-r99"));
        assertThat(analyses.packages(firstDigest, List.of())).filteredOn(p -> p.name().equals("musl"))
                .singleElement().satisfies(p -> assertThat(p.version()).isEqualTo("1.2.5-r0"));
    }

    @Test
    void pullsFromAPrivateRegistryWithTheStoredCredentialsOfTheAccountThatOwnsTheImage() {
        TestImage image = TestImage.builder()
                .layer(alpineBase(repo), "/bin/sh -c #(nop) ADD file:alpine-minirootfs.tar.gz in / ")
                .build();
        String digest = image.push(PRIVATE_REGISTRY, repo, "private");
        transactions.executeWithoutResult(status -> registryCredentials.insert(ACCOUNT, new NewRegistryCredential(
                PRIVATE_REGISTRY.hostPort() + "/drydock/*", "ci", PRIVATE_USER, PRIVATE_PASSWORD, "docker_v2", false),
                clock.instant()));

        recordAndAnnounce(PRIVATE_REGISTRY, image, "private");

        Image analysed = awaitOutcome(digest);
        assertThat(analysed.analysisStatus()).as(analysed.failureReason()).isEqualTo(AnalysisStatus.ANALYZED);
        assertThat(analyses.find(digest).orElseThrow().distro()).isEqualTo("alpine");
    }

    @Test
    void failsToPullFromAPrivateRegistryWhenOnlyAnotherAccountHasCredentialsForIt() {
        accounts.createAccount("analyzer-other", "user", null, clock.instant());
        TestImage image = TestImage.builder()
                .layer(alpineBase(repo), "/bin/sh -c #(nop) ADD file:alpine-minirootfs.tar.gz in / ")
                .build();
        String digest = image.push(PRIVATE_REGISTRY, repo, "private");
        transactions.executeWithoutResult(status -> registryCredentials.insert("analyzer-other", new NewRegistryCredential(
                PRIVATE_REGISTRY.hostPort(), "ci", PRIVATE_USER, PRIVATE_PASSWORD, "docker_v2", false), clock.instant()));

        recordAndAnnounce(PRIVATE_REGISTRY, image, "private");

        Image failed = awaitOutcome(digest);
        assertThat(failed.analysisStatus()).isEqualTo(AnalysisStatus.ANALYSIS_FAILED);
        assertThat(failed.failureReason()).startsWith("REGISTRY_PERMISSION_DENIED").contains("requires credentials");
    }

    @Test
    void failsAnImageWithACorruptLayerWithoutDisturbingAnotherAnalysedAlongside() {
        byte[] corrupt = corruptGzip();
        String corruptLayer = raw.pushBlob(repo, corrupt);
        byte[] config = """
                {"architecture":"amd64","os":"linux","config":{},\
                "rootfs":{"type":"layers","diff_ids":["sha256:%s"]},\
                "history":[{"created_by":"ADD broken.tar.gz /"}]}""".formatted("c".repeat(64)).getBytes(StandardCharsets.UTF_8);
        String configDigest = raw.pushBlob(repo, config);
        byte[] manifest = """
                {"schemaVersion":2,"mediaType":"%s",\
                "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"%s","size":%d},\
                "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","digest":"%s","size":%d}]}"""
                .formatted(DOCKER_MANIFEST, configDigest, config.length, corruptLayer, corrupt.length)
                .getBytes(StandardCharsets.UTF_8);
        String broken = raw.pushManifest(repo, "broken", DOCKER_MANIFEST, manifest);
        TestImage good = TestImage.builder().layer(alpineBase(repo + "-good")).build();
        String goodDigest = good.push(REGISTRY, repo, "good");

        UUID[] jobIds = transactions.execute(status -> new UUID[]{
                queue().record(broken, configDigest, manifest, corrupt.length, "broken"),
                queue().record(good, "good")});

        Image failed = awaitOutcome(broken);
        Image analysed = awaitOutcome(goodDigest);
        assertThat(failed.analysisStatus()).isEqualTo(AnalysisStatus.ANALYSIS_FAILED);
        assertThat(failed.failureReason()).contains("layer " + corruptLayer).contains("truncated or corrupt");
        assertThat(analyses.find(broken)).isEmpty();
        assertThat(jobs.state(jobIds[0])).hasValue("failed");
        assertThat(jobs.failureReason(jobIds[0])).hasValue(failed.failureReason());
        AnalysisComplete failure = analysisComplete(broken);
        assertThat(failure.status()).isEqualTo(AnalysisOutcome.FAILED);
        assertThat(failure.failureReason()).isEqualTo(failed.failureReason());

        assertThat(analysed.analysisStatus()).as(analysed.failureReason()).isEqualTo(AnalysisStatus.ANALYZED);
        assertThat(analyses.packages(goodDigest, List.of())).extracting(StoredPackage::name)
                .containsExactlyInAnyOrder("musl", "busybox");
        assertThat(jobs.state(jobIds[1])).hasValue("succeeded");
        assertThat(analysisComplete(goodDigest).status()).isEqualTo(AnalysisOutcome.ANALYZED);
    }

    @Test
    void failsAnImageDeletedFromTheRegistryAfterItWasRecorded() {
        TestImage image = TestImage.builder().layer(alpineBase(repo)).build();
        String digest = image.push(REGISTRY, repo, "gone");
        raw.deleteManifest(repo, digest);

        UUID job = recordAndAnnounce(image, "gone");

        Image failed = awaitOutcome(digest);
        assertThat(failed.analysisStatus()).isEqualTo(AnalysisStatus.ANALYSIS_FAILED);
        assertThat(failed.failureReason()).startsWith("REGISTRY_IMAGE_NOT_FOUND");
        assertThat(jobs.state(job)).as("a missing image is not retried").hasValue("failed");
        assertThat(dsl.fetchSingle(ANALYSIS_JOB, ANALYSIS_JOB.ID.eq(job)).getAttempts()).isEqualTo(1);
        assertThat(analysisComplete(digest).status()).isEqualTo(AnalysisOutcome.FAILED);
    }

    @Test
    void failsAnImageWithMoreTarEntriesThanTheLimitAllows() {
        TestLayer.Builder many = TestLayer.builder();
        for (int i = 0; i < 250; i++) {
            many.file("usr/share/many/file-" + i, "content " + i + "\n");
        }
        TestImage image = TestImage.builder().layer(alpineBase(repo)).layer(many.build()).build();
        String digest = image.push(REGISTRY, repo, "many");

        recordAndAnnounce(image, "many");

        Image failed = awaitOutcome(digest);
        assertThat(failed.analysisStatus()).isEqualTo(AnalysisStatus.ANALYSIS_FAILED);
        assertThat(failed.failureReason()).contains("200 entries (limit)")
                .contains(image.layers().get(1).digest());
        assertThat(analysisComplete(digest).failureReason()).isEqualTo(failed.failureReason());
    }

    @Test
    void sendsAnUndecodableImageAddedRecordToTheDeadLetterTopic() throws Exception {
        String key = "poison-" + UUID.randomUUID();

        kafka.send(new ProducerRecord<>(Topics.IMAGE_ADDED, key, "{not an event".getBytes(StandardCharsets.UTF_8))).get();

        ConsumerRecord<String, byte[]> dead =
                TopicRecords.awaitRecords(Topics.IMAGE_ADDED_TOPIC.deadLetterName(), key, 1).getFirst();
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{not an event");
        List<String> headers = new ArrayList<>();
        dead.headers().forEach(h -> headers.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(headers).anySatisfy(h -> assertThat(h).startsWith("kafka_dlt-exception-message=")
                .contains("undecodable image-added event"));
    }

    private UUID recordAndAnnounce(TestImage image, String tag) {
        return queue().recordAndAnnounce(image, tag);
    }

    private UUID recordAndAnnounce(TestRegistry registry, TestImage image, String tag) {
        return queue(registry).recordAndAnnounce(image, tag);
    }

    private Image awaitOutcome(String digest) {
        return queue().awaitOutcome(digest);
    }

    private AnalysisQueue queue() {
        return queue(REGISTRY);
    }

    private AnalysisQueue queue(TestRegistry registry) {
        return new AnalysisQueue(images, jobs, outbox, transactions, registry, ACCOUNT, repo);
    }

    private AnalysisComplete analysisComplete(String digest) {
        List<ConsumerRecord<String, byte[]>> records = TopicRecords.awaitRecords(Topics.ANALYSIS_COMPLETE, digest, 1);
        assertThat(records).hasSize(1);
        return codec.decode(Topics.ANALYSIS_COMPLETE_TOPIC, records.getFirst());
    }

    /** A gzip header followed by bytes no deflate stream starts with. */
    private static byte[] corruptGzip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(("a tar stream that is cut short " + UUID.randomUUID()).repeat(200).getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        byte[] whole = bytes.toByteArray();
        byte[] broken = java.util.Arrays.copyOf(whole, 40);
        for (int i = 10; i < broken.length; i++) {
            broken[i] = (byte) 0xff;
        }
        return broken;
    }

    private static TestLayer alpineBase(String marker) {
        return TestLayer.builder()
                .file("etc/os-release", """
                        NAME="Alpine Linux"
                        ID=alpine
                        VERSION_ID=3.20.3
                        PRETTY_NAME="Alpine Linux v3.20"
                        """)
                .file("etc/alpine-release", "3.20.3\n")
                .file("lib/apk/db/installed", APK_MUSL + APK_BUSYBOX)
                .file("etc/drydock-test-marker", marker + "\n")
                .build();
    }

    private static final String APK_MUSL = """
            C:Q1Zq8JEAOhJi0tJPnP1xjeGQmMAvE=
            P:musl
            V:1.2.5-r0
            A:x86_64
            S:412066
            I:995328
            T:the musl c library (libc) implementation
            U:https://musl.libc.org/
            L:MIT
            o:musl
            m:Natanael Copa <ncopa@alpinelinux.org>
            t:1717151227
            F:lib
            R:ld-musl-x86_64.so.1
            a:0:0:755

            """;

    private static final String APK_BUSYBOX = """
            C:Q1Rk6iPsgJkyrzWl3Ufa3p5dV2T1o=
            P:busybox
            V:1.36.1-r29
            A:x86_64
            S:509356
            I:963584
            T:Size optimized toolbox of many common UNIX utilities
            U:https://busybox.net/
            L:GPL-2.0-only
            o:busybox
            m:Sören Tempel <soeren+alpine@soeren-tempel.net>
            t:1717764566
            F:bin
            R:busybox

            """;

    private static final String APK_CURL = """
            C:Q1kz5eXgq7pXWbVt8P0ZBnAzS8mQs=
            P:curl
            V:8.9.1-r1
            A:x86_64
            S:248376
            I:356352
            T:URL retrieval utility and library
            U:https://curl.se/
            L:curl
            o:curl
            m:Natanael Copa <ncopa@alpinelinux.org>
            t:1723553925
            F:usr/bin
            R:curl

            """;
}
