package io.drydock.cli.system;

import io.drydock.cli.FakeApi;
import io.drydock.cli.FakeApi.Request;
import io.drydock.cli.FakeApi.Run;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code system feeds list|sync|config|delete} against a loopback server answering as /v1/system/feeds does. */
class FeedsCommandTest {

    private static final String NVD = """
            {"name": "nvd", "created_at": "2024-05-01T00:00:00Z", "updated_at": "2024-05-01T00:00:00Z",
              "last_full_sync": null, "enabled": false,
              "groups": [{"name": "nvd:cves", "created_at": "2024-05-01T00:00:00Z", "last_sync": "2024-06-01T09:00:00Z",
                          "record_count": 250000, "enabled": true, "last_attempt_at": "2024-06-02T09:00:00Z",
                          "last_attempt_status": "failure", "last_error": "upstream answered 503"}]}""";
    private static final String VULNERABILITIES = """
            {"name": "vulnerabilities", "created_at": "2024-05-01T00:00:00Z", "updated_at": "2024-05-01T00:00:00Z",
              "last_full_sync": "2024-06-01T09:00:00Z", "enabled": true,
              "groups": [{"name": "debian:12", "created_at": "2024-05-01T00:00:00Z", "last_sync": "2024-06-01T09:00:00Z",
                          "record_count": 31042, "enabled": true, "last_attempt_status": "success", "last_error": null},
                         {"name": "github:java", "created_at": "2024-05-01T00:00:00Z", "last_sync": null,
                          "record_count": 0, "enabled": false, "last_attempt_status": null, "last_error": null}]}""";
    private static final String FEEDS = "[" + NVD + ", " + VULNERABILITIES + "]";

    private final FakeApi api = new FakeApi();

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listsGroupsWithTheirLastSyncAndMarksDisabledOnesAndFailures() {
        api.answer("GET", "/system/feeds", 200, FEEDS);

        Run run = api.run("system", "feeds", "list");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines().toList()).containsExactly(
                "Feed             Group                  LastSync              RecordCount",
                "nvd(disabled)    nvd:cves               2024-06-01T09:00:00Z  250000",
                "vulnerabilities  debian:12              2024-06-01T09:00:00Z  31042",
                "vulnerabilities  github:java(disabled)  pending               0");
        assertThat(run.err()).contains("Warning: the last sync of nvd/nvd:cves failed at 2024-06-02T09:00:00Z:"
                + " upstream answered 503");
    }

    @Test
    void printsTheApisJsonWithJson() {
        api.answer("GET", "/system/feeds", 200, FEEDS);
        Run run = api.run("--json", "system", "feeds", "list");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\"last_attempt_status\" : \"failure\"");
    }

    @Test
    void syncsWithOrWithoutFlushAndShowsEachGroup() {
        api.answer("POST", "/system/feeds", 200, """
                [{"feed": "vulnerabilities", "status": "success", "total_time_seconds": 4.2,
                  "groups": [{"group": "debian:12", "status": "success", "updated_image_count": 0,
                              "updated_record_count": 12, "total_time_seconds": 4.1}]}]""");

        Run run = api.run("system", "feeds", "sync", "--flush");

        assertThat(run.exitCode()).as(run.err()).isZero();
        Request request = api.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.query()).isEqualTo("flush=True");
        assertThat(run.out().lines().toList()).containsExactly(
                "Feed             Group      Status   Records Updated  Sync Duration",
                "vulnerabilities  debian:12  success  12               4.10s");
        assertThat(api.run("system", "feeds", "sync").exitCode()).isZero();
        assertThat(api.requests().get(1).query()).isEqualTo("flush=False");
    }

    @Test
    void failsWhenAGroupFailedToSync() {
        api.answer("POST", "/system/feeds", 200, """
                [{"feed": "vulnerabilities", "status": "failure", "total_time_seconds": 1.0,
                  "groups": [{"group": "debian:12", "status": "success", "updated_record_count": 3, "total_time_seconds": 0.5},
                             {"group": "alpine:3.20", "status": "failure", "updated_record_count": 0, "total_time_seconds": 0.5}]}]""");

        Run run = api.run("system", "feeds", "sync");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.out()).contains("alpine:3.20  failure");
        assertThat(run.err()).contains("the sync failed for vulnerabilities/alpine:3.20");
    }

    @Test
    void enablesOrDisablesAFeedOrAGroup() {
        api.answer("PUT", "/system/feeds/vulnerabilities/github:java", 200, "[" + VULNERABILITIES + "]");
        api.answer("PUT", "/system/feeds/nvd", 200, NVD);

        Run group = api.run("system", "feeds", "config", "vulnerabilities", "--group", "github:java", "--disable");
        assertThat(group.exitCode()).as(group.err()).isZero();
        assertThat(api.requests().getFirst().method()).isEqualTo("PUT");
        assertThat(api.requests().getFirst().path()).isEqualTo("/v1/system/feeds/vulnerabilities/github:java");
        assertThat(api.requests().getFirst().query()).isEqualTo("enabled=False");
        assertThat(group.out()).contains("github:java(disabled)");

        Run feed = api.run("system", "feeds", "config", "nvd", "--enable");
        assertThat(feed.exitCode()).as(feed.err()).isZero();
        assertThat(api.requests().get(1).query()).isEqualTo("enabled=True");
        assertThat(feed.out()).contains("nvd:cves");

        assertThat(api.run("system", "feeds", "config", "nvd").exitCode()).as("--enable or --disable").isEqualTo(2);
        assertThat(api.run("system", "feeds", "config", "nvd", "--enable", "--disable").exitCode()).isEqualTo(2);
        assertThat(api.requests()).hasSize(2);
    }

    @Test
    void deletesAFeedOrAGroupAndReportsAnUnknownOne() {
        api.answer("DELETE", "/system/feeds/vulnerabilities/debian:12", 200, "");

        Run run = api.run("system", "feeds", "delete", "vulnerabilities", "--group", "debian:12");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().strip()).isEqualTo("Deleted group debian:12 of feed vulnerabilities");
        assertThat(api.requests().getFirst().method()).isEqualTo("DELETE");

        Run unknown = api.run("system", "feeds", "delete", "vulndb");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Resource /v1/system/feeds/vulndb not found (HTTP 404)");
    }
}
