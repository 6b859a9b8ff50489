package io.drydock.catalog;

import io.drydock.catalog.archive.ArchiveSweep;
import io.drydock.catalog.reconcile.Reconciler;
import io.drydock.catalog.retention.RetentionPurge;
import io.drydock.platform.account.AccountRepository;
import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.catalog.ImageSource;
import io.drydock.platform.catalog.NewImageRecord;
import io.drydock.platform.config.PlatformConfig;
import io.drydock.platform.objectstore.ArchivedImages;
import io.drydock.platform.objectstore.ObjectStore;
import io.drydock.testkit.TestInfrastructure;
import io.drydock.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(classes = CatalogWorkerIT.App.class, properties = {
        "drydock.catalog.reconcile-interval=1h", "drydock.catalog.reconcile-grace=0s", "drydock.retention.interval=1h",
        "drydock.outbox.enabled=false"})
class CatalogWorkerIT {

    @SpringBootConfiguration
    @EnableAutoConfiguration
    @Import({PlatformConfig.class, CatalogConfig.class})
    static class App {
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
        registry.add("drydock.object-store.directory", OBJECTS::toString);
    }

    static final java.nio.file.Path OBJECTS;

    static {
        try {
            OBJECTS = java.nio.file.Files.createTempDirectory("drydock-catalog-objects");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Autowired
    ArchiveSweep archives;
    @Autowired
    ObjectStore objects;

    @Autowired
    Reconciler reconciler;
    @Autowired
    RetentionPurge retention;
    @Autowired
    ImageRepository images;
    @Autowired
    AccountRepository accounts;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DSLContext dsl;

    private final Instant now = Instant.now();

    @BeforeEach
    void clean() {
        TestPostgres.shared().truncate("image", "analysis_job", "outbox", "event_log", "webhook_delivery",
                "processed_event", "policy_evaluation", "analysis");
        accounts.createAccount("alice", "user", null, now);
    }

    @Test
    void sweepsUploadedArchivesOnlyOnceNoImageRecordReferencesThem() throws Exception {
        String kept = "sha256:" + "a".repeat(64);
        String orphan = "sha256:" + "b".repeat(64);
        String uploading = "sha256:" + "c".repeat(64);
        for (String digest : List.of(kept, orphan, uploading)) {
            objects.put(ArchivedImages.manifestKey(digest), new java.io.ByteArrayInputStream(new byte[]{'{', '}'}), 2);
            objects.put(ArchivedImages.blobKey(digest, digest), new java.io.ByteArrayInputStream(new byte[]{1}), 1);
        }
        transactions.executeWithoutResult(s -> images.record(new NewImageRecord("alice", kept, kept, null, "{}", null,
                "linux/amd64", 1, "localbuild", "app", "1", null, Map.of(), now, ImageSource.ARCHIVE)));

        // An upload of the third digest is in progress: it holds the digest's archive lock.
        List<String> removed;
        try (java.sql.Connection upload = dataSource.getConnection()) {
            upload.setAutoCommit(false);
            try (var lock = upload.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
                lock.setInt(1, ArchivedImages.LOCK_CLASS);
                lock.setString(2, uploading);
                lock.execute();
            }
            removed = archives.sweep();
            upload.rollback();
        }

        assertThat(removed).containsExactly(orphan);
        assertThat(objects.exists(ArchivedImages.manifestKey(kept))).isTrue();
        assertThat(objects.exists(ArchivedImages.manifestKey(uploading))).isTrue();
        assertThat(objects.exists(ArchivedImages.blobKey(orphan, orphan))).isFalse();
        assertThat(archives.sweep()).as("no image references it once the upload let go").containsExactly(uploading);
    }

    @Autowired
    javax.sql.DataSource dataSource;

    @Test
    void requeuesAnImageWhoseAnalysisWasNeverQueuedAndAnnouncesIt() {
        String digest = "sha256:" + "1".repeat(64);
        transactions.executeWithoutResult(s -> images.record(new NewImageRecord("alice", digest, digest, null, "{}",
                null, "linux/amd64", 10, "registry.local", "app", "1.0", null, Map.of(), now)));

        reconciler.reconcile();

        var image = images.find("alice", digest).orElseThrow();
        assertThat(image.analysisStatus()).isEqualTo(AnalysisStatus.NOT_ANALYZED);
        assertThat(image.analysisJobId()).as("a job is queued").isNotNull();
        assertThat(dsl.fetchValue("select state from analysis_job where id = ?", image.analysisJobId())).isEqualTo("queued");
        assertThat(dsl.fetchValue("select count(*) from outbox where topic = 'image-added' and record_key = ?", digest))
                .isEqualTo(1L);
    }

    @Test
    void failsAnImageWhoseWorkerDiedOnEveryAttempt() {
        String digest = "sha256:" + "2".repeat(64);
        transactions.executeWithoutResult(s -> images.record(new NewImageRecord("alice", digest, digest, null, "{}",
                null, "linux/amd64", 10, "registry.local", "app", "2.0", null, Map.of(), now)));
        UUID job = UUID.randomUUID();
        dsl.execute("""
                insert into analysis_job (id, account, image_digest, pull_registry, pull_repo, platform, state, attempts,
                                          max_attempts, lease_owner, lease_expires_at, created_at, updated_at)
                values (?, 'alice', ?, 'registry.local', 'app', 'linux/amd64', 'running', 3, 3, 'gone',
                        now() - interval '1 minute', now(), now())""", job, digest);
        images.startAnalysis(digest, now);

        reconciler.reconcile();

        var image = images.find("alice", digest).orElseThrow();
        assertThat(image.analysisStatus()).isEqualTo(AnalysisStatus.ANALYSIS_FAILED);
        assertThat(image.failureReason()).contains("after 3 attempts");
        assertThat(dsl.fetchValue("select count(*) from outbox where topic = 'analysis-complete' and record_key = ?", digest))
                .isEqualTo(1L);
    }

    @Test
    void purgesHistoryPastItsRetentionAndKeepsWhatIsCurrent() {
        String referenced = "sha256:" + "3".repeat(64);
        String orphanOld = "sha256:" + "4".repeat(64);
        String orphanNew = "sha256:" + "5".repeat(64);
        transactions.executeWithoutResult(s -> images.record(new NewImageRecord("alice", referenced, referenced, null,
                "{}", null, "linux/amd64", 10, "registry.local", "app", "3.0", null, Map.of(), now)));
        for (String digest : new String[]{referenced, orphanOld}) {
            analysis(digest, "now() - interval '30 days'");
        }
        analysis(orphanNew, "now()");
        dsl.execute("insert into event_log (id, account, type, level, source_service, source_host, created_at) values "
                + "(gen_random_uuid(), 'alice', 'old', 'info', 's', 'h', now() - interval '100 days'), "
                + "(gen_random_uuid(), 'alice', 'new', 'info', 's', 'h', now())");
        dsl.execute("insert into webhook_delivery (id, account, notification_id, notification_type, url, payload, state, "
                + "next_attempt_at, deliver_until, created_at, updated_at) values "
                + "(gen_random_uuid(), 'alice', gen_random_uuid(), 'policy_eval', 'u', '{}', 'delivered', now(), now(), now(), now() - interval '40 days'), "
                + "(gen_random_uuid(), 'alice', gen_random_uuid(), 'policy_eval', 'u', '{}', 'pending', now(), now(), now(), now() - interval '40 days')");
        dsl.execute("insert into processed_event (consumer, event_id, processed_at) values "
                + "('c', gen_random_uuid(), now() - interval '20 days'), ('c', gen_random_uuid(), now())");
        evaluation(referenced, "now() - interval '400 days'");
        evaluation(referenced, "now() - interval '399 days'");
        dsl.execute("insert into layer_analysis (layer_digest, analyzer_version, findings, findings_size, created_at, "
                + "last_used_at) values ('sha256:01', 'v', '\\x00'::bytea, 1, now(), now() - interval '31 days'), "
                + "('sha256:02', 'v', '\\x00'::bytea, 1, now(), now() - interval '2 days')");

        Map<String, Integer> removed = retention.purge();

        assertThat(removed).containsEntry("events", 1).containsEntry("webhook_deliveries", 1)
                .containsEntry("processed_events", 1).containsEntry("evaluations", 1).containsEntry("analyses", 1)
                .containsEntry("layer_findings", 1);
        assertThat(dsl.fetchValue("select layer_digest from layer_analysis")).as("recently used layer findings stay")
                .isEqualTo("sha256:02");
        assertThat(dsl.fetchValue("select count(*) from analysis where image_digest in (?, ?)", referenced, orphanNew))
                .as("referenced or recent analyses stay").isEqualTo(2L);
        assertThat(dsl.fetchValue("select count(*) from policy_evaluation")).as("the latest evaluation stays").isEqualTo(1L);
        assertThat(dsl.fetchValue("select state from webhook_delivery")).as("pending deliveries stay").isEqualTo("pending");
    }

    private void analysis(String digest, String analyzedAt) {
        dsl.execute("insert into analysis (image_digest, analyzer_version, image_id, distro, distro_version, image_size, "
                + "layer_count, dockerfile_mode, document, analyzed_at) values (?, 'v', 'id', 'alpine', '3.20', 1, 1, "
                + "'Unknown', '{}'::jsonb, " + analyzedAt + ")", digest);
    }

    private void evaluation(String digest, String at) {
        dsl.execute("insert into policy_evaluation (id, account, image_digest, tag, policy_id, bundle_digest, final_action, "
                + "status, result, result_digest, created_at, last_evaluated_at) values (gen_random_uuid(), 'alice', ?, "
                + "'registry.local/app:3.0', 'p', 'b', 'go', 'pass', '{}'::jsonb, 'r', " + at + ", " + at + ")", digest);
    }
}
