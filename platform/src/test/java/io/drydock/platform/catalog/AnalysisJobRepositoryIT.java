package io.drydock.platform.catalog;

import io.drydock.platform.PlatformIT;
import io.drydock.testkit.TestPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class AnalysisJobRepositoryIT extends PlatformIT {

    private static final Duration LEASE = Duration.ofSeconds(30);

    @Autowired
    AnalysisJobRepository jobs;
    @Autowired
    TransactionTemplate transactions;

    private final Instant now = Instant.parse("2026-11-23T10:00:00Z");

    @BeforeEach
    void clean() {
        TestPostgres.shared().truncate("analysis_job");
    }

    @Test
    void queuesOneJobPerDigestWhileItIsActive() {
        UUID first = jobs.enqueue("alice", digest(1), "docker.io", "alpine", "linux/amd64", now);
        UUID again = jobs.enqueue("bob", digest(1), "docker.io", "alpine", "linux/amd64", now);

        assertThat(again).isEqualTo(first);
        assertThat(jobs.enqueue("alice", digest(2), "docker.io", "debian", "linux/amd64", now)).isNotEqualTo(first);
    }

    @Test
    void takesOverAJobWhoseLeaseExpiredAndIgnoresTheLostOwner() {
        UUID id = jobs.enqueue("alice", digest(3), "docker.io", "alpine", "linux/amd64", now);
        AnalysisJob claimed = claim("worker-a", now).orElseThrow();
        assertThat(claimed.id()).isEqualTo(id);
        assertThat(claim("worker-b", now.plusSeconds(10))).as("leased").isEmpty();

        AnalysisJob takenOver = claim("worker-b", now.plus(LEASE).plusSeconds(1)).orElseThrow();

        assertThat(takenOver.id()).isEqualTo(id);
        assertThat(takenOver.attempts()).isEqualTo(2);
        assertThat(jobs.heartbeat(id, "worker-a", LEASE, now.plusSeconds(40))).isFalse();
        assertThat(finish("worker-a", id)).as("the lost owner cannot finish").isFalse();
        assertThat(finish("worker-b", id)).isTrue();
        assertThat(jobs.state(id)).contains("succeeded");
    }

    @Test
    void claimsTheAccountWithFewerRunningJobsFirst() {
        jobs.enqueue("busy", digest(4), "r", "a", "linux/amd64", now);
        jobs.enqueue("busy", digest(5), "r", "b", "linux/amd64", now.plusSeconds(1));
        jobs.enqueue("quiet", digest(6), "r", "c", "linux/amd64", now.plusSeconds(2));
        assertThat(claim("w1", now.plusSeconds(3)).orElseThrow().account()).isEqualTo("busy");

        assertThat(claim("w2", now.plusSeconds(4)).orElseThrow().account())
                .as("busy already runs one job; quiet's newer job goes first").isEqualTo("quiet");
    }

    @Test
    void abandonsAJobWhoseWorkerDiedOnEveryAttempt() {
        UUID id = jobs.enqueue("alice", digest(7), "r", "a", "linux/amd64", now);
        Instant t = now;
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(claim("w" + attempt, t)).isPresent();
            t = t.plus(LEASE).plusSeconds(1);
        }
        assertThat(claim("w4", t)).as("no attempts left").isEmpty();

        List<AnalysisJob> abandoned = transactions.execute(s -> jobs.abandon(Instant.parse("2026-11-23T10:05:00Z")));
        assertThat(abandoned).extracting(AnalysisJob::id).containsExactly(id);
        assertThat(jobs.failureReason(id).orElseThrow()).contains("after 3 attempts");
    }

    private Optional<AnalysisJob> claim(String owner, Instant at) {
        return transactions.execute(s -> jobs.claim(owner, LEASE, at));
    }

    private boolean finish(String owner, UUID id) {
        return Boolean.TRUE.equals(transactions.execute(s -> jobs.finish(id, owner, true, null, now.plusSeconds(45))));
    }

    private static String digest(int n) {
        return "sha256:" + String.format("%064d", n);
    }
}
