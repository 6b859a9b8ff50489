package io.drydock.gateway.reanalysis;

import io.drydock.gateway.ApiClient.Response;
import io.drydock.gateway.GatewayIT;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.AnalyzerVersion;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.catalog.AnalysisJobRepository;
import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.testkit.image.TestImage;
import io.drydock.testkit.image.TestLayer;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /system/reanalysis}: images analysed by an older analyzer go back to the queue, once per digest. */
class ReanalysisIT extends GatewayIT {

    @Autowired
    ImageRepository images;
    @Autowired
    AnalysisRepository analyses;
    @Autowired
    AnalysisJobRepository jobs;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    DSLContext dsl;

    @Test
    void requeuesImagesAnalysedByAnOlderVersionAndLeavesCurrentOnes() {
        String old = analysed("drydock-analyzer-1");
        String current = analysed(AnalyzerVersion.CURRENT);

        Response response = admin().post("/v1/system/reanalysis", Map.of());

        assertThat(response.status()).as(response.text()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.path("current_analyzer_version").asString()).isEqualTo(AnalyzerVersion.CURRENT);
        List<String> queued = body.path("images").valueStream().map(i -> i.path("imageDigest").asString()).toList();
        assertThat(queued).contains(old).doesNotContain(current);
        JsonNode row = body.path("images").valueStream().filter(i -> i.path("imageDigest").asString().equals(old))
                .findFirst().orElseThrow();
        assertThat(row.path("previous_analyzer_version").asString()).isEqualTo("drydock-analyzer-1");
        UUID job = UUID.fromString(row.path("analysis_job_id").asString());
        assertThat(jobs.state(job)).contains("queued");
        assertThat(images.find("admin", old).orElseThrow().analysisStatus()).isEqualTo(AnalysisStatus.NOT_ANALYZED);
        assertThat(images.find("admin", current).orElseThrow().analysisStatus()).isEqualTo(AnalysisStatus.ANALYZED);
        assertThat(dsl.fetchCount(dsl.selectFrom("event_log").where(
                "type = 'system.image_analysis.reanalysis_queued' and resource_id = ?", old)))
                .as("the account's events log says why the image is analysed again").isEqualTo(1);
        assertThat(analyses.find(old)).as("the old analysis serves until the new one is stored").isPresent();

        JsonNode again = admin().post("/v1/system/reanalysis", Map.of()).body();
        assertThat(again.path("images").valueStream().map(i -> i.path("imageDigest").asString()))
                .as("an image waiting for its re-analysis is not queued twice").doesNotContain(old);
    }

    @Test
    void isForAdminsOnly() {
        Response created = admin().post("/v1/accounts", Map.of("name", "reanalysis-" + UUID.randomUUID()
                .toString().substring(0, 8), "email", "r@example.com"));
        assertThat(created.status()).as(created.text()).isEqualTo(200);
        String account = created.body().path("name").asString();
        assertThat(admin().post("/v1/accounts/" + account + "/users", Map.of("username", account + "-user",
                "password", "s3cret-pass")).status()).isEqualTo(200);

        assertThat(as(account + "-user", "s3cret-pass").post("/v1/system/reanalysis", Map.of()).status())
                .isEqualTo(403);
    }

    private String analysed(String analyzerVersion) {
        String repo = "drydock/reanalysis-" + UUID.randomUUID().toString().substring(0, 8);
        String digest = TestImage.builder()
                .layer(TestLayer.builder().file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n")
                        .file("etc/drydock-test-marker", repo + "\n").build(), "/bin/sh -c #(nop) ADD file:x in / ")
                .build().push(REGISTRY, repo, "1.0");
        Response added = admin().post("/v1/images", Map.of("tag", REGISTRY.hostPort() + "/" + repo + ":1.0"));
        assertThat(added.status()).as(added.text()).isEqualTo(200);
        Instant now = Instant.now();
        images.startAnalysis(digest, now);
        transactions.executeWithoutResult(s -> analyses.save(new StoredAnalysis(digest, analyzerVersion,
                "ab".repeat(32), "alpine", "3.20", "alpine", "amd64", "linux", 1024, 1, "Unknown", "{}", now,
                List.of(), List.of())));
        images.completeAnalysis(digest, "ab".repeat(32), now);
        // No analyzer runs here: end the job the add queued, as the analyzer would have.
        dsl.execute("update analysis_job set state = 'succeeded' where image_digest = ?", digest);
        return digest;
    }
}
