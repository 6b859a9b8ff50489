package io.drydock.platform.catalog;

import io.drydock.platform.PlatformIT;
import io.drydock.platform.account.AccountRepository;
import io.drydock.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class ImageRepositoryIT extends PlatformIT {

    private static final String DIGEST = "sha256:" + "c".repeat(64);

    @Autowired
    ImageRepository images;
    @Autowired
    AccountRepository accounts;
    @Autowired
    TransactionTemplate transactions;

    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @BeforeEach
    void clean() {
        TestPostgres.shared().truncate("image", "image_tag");
        accounts.createAccount("alice", "user", null, now);
        accounts.createAccount("bob", "user", null, now);
    }

    @Test
    void mergesTagsAndAnnotationsIntoTheAccountsOneRecordOfADigest() {
        record("alice", "app", "1.0", Map.of("team", "payments", "tier", "gold"));
        ImageRepository.Recorded again = record("alice", "app", "latest", Map.of("tier", "null", "owner", "ops"));

        assertThat(again.created()).isFalse();
        assertThat(again.tagWasNew()).isTrue();
        assertThat(again.image().tags()).extracting(ImageTag::fulltag)
                .containsExactlyInAnyOrder("registry.local:5000/app:1.0", "registry.local:5000/app:latest");
        assertThat(again.image().annotations()).containsExactlyInAnyOrderEntriesOf(Map.of("team", "payments", "owner", "ops"));
        assertThat(record("bob", "app", "1.0", Map.of()).created()).as("bob has his own record").isTrue();
    }

    @Test
    void statusMovesOnlyForwardAndARepeatedEventChangesNothing() {
        record("alice", "app", "1.0", Map.of());

        assertThat(images.startAnalysis(DIGEST, now)).isEqualTo(1);
        assertThat(images.startAnalysis(DIGEST, now)).as("repeated").isZero();
        assertThat(images.completeAnalysis(DIGEST, "abc", now)).isEqualTo(1);
        assertThat(images.completeAnalysis(DIGEST, "abc", now)).as("repeated").isZero();
        assertThat(images.failAnalysis(DIGEST, "late failure", now)).as("cannot move back from analyzed").isZero();
        assertThat(images.startAnalysis(DIGEST, now)).isZero();

        assertThat(images.find("alice", DIGEST).orElseThrow().analysisStatus()).isEqualTo(AnalysisStatus.ANALYZED);
    }

    @Test
    void aLateEventNeverResurrectsADeletedImage() {
        record("alice", "app", "1.0", Map.of());
        images.startAnalysis(DIGEST, now);
        assertThat(images.markDeleting("alice", DIGEST, now)).isTrue();

        assertThat(images.completeAnalysis(DIGEST, "abc", now)).isZero();
        assertThat(images.failAnalysis(DIGEST, "x", now)).isZero();
        assertThat(images.requeue("alice", DIGEST, UUID.randomUUID(), now)).isFalse();
        assertThat(images.markDeleting("alice", DIGEST, now)).as("already deleting").isFalse();
        assertThat(images.tagsReferencing(DIGEST)).isEmpty();

        Image image = images.find("alice", DIGEST).orElseThrow();
        assertThat(image.imageStatus()).isEqualTo("deleting");
        assertThat(image.analysisStatus()).isEqualTo(AnalysisStatus.ANALYZING);
        assertThat(images.purgeDeleting("alice", DIGEST)).isEqualTo(1);
        assertThat(images.completeAnalysis(DIGEST, "abc", now)).as("gone for good").isZero();
        assertThat(images.find("alice", DIGEST)).isEmpty();
    }

    @Test
    void anAnalysisConcernsEveryAccountReferencingTheDigest() {
        record("alice", "app", "1.0", Map.of());
        record("bob", "mirror/app", "stable", Map.of());

        assertThat(images.completeAnalysis(DIGEST, "abc", now)).isEqualTo(2);
        assertThat(images.tagsReferencing(DIGEST)).containsExactly(
                new ImageRepository.TagReference("alice", "registry.local:5000/app:1.0"),
                new ImageRepository.TagReference("bob", "registry.local:5000/mirror/app:stable"));
    }

    private ImageRepository.Recorded record(String account, String repo, String tag, Map<String, String> annotations) {
        return transactions.execute(s -> images.record(new NewImageRecord(account, DIGEST, DIGEST, "c".repeat(64),
                "{}", null, "linux/amd64", 1234, "registry.local:5000", repo, tag, null, annotations, now)));
    }
}
