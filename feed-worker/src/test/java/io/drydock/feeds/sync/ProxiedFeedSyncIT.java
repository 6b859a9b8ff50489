package io.drydock.feeds.sync;

import io.drydock.feeds.FeedWorkerIT;
import io.drydock.feeds.OsvArchives;
import io.drydock.feeds.OsvServer;
import io.drydock.platform.net.OutboundHttp;
import io.drydock.platform.net.ProxyProperties;
import io.drydock.platform.net.ProxySettings;
import io.drydock.testkit.proxy.TestProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static io.drydock.schemas.db.Tables.FEED_GROUP;
import static io.drydock.schemas.db.Tables.VULNERABILITY;
import static org.assertj.core.api.Assertions.assertThat;

/** Feed downloads go through the configured proxy, with its credentials, as registry pulls do. */
class ProxiedFeedSyncIT extends FeedWorkerIT {

    private final OsvServer server = OsvServer.start();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-20T10:00:00Z"));

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void downloadsTheArchiveThroughTheAuthenticatingProxy() {
        TestProxy proxy = TestProxy.shared();
        server.put("/Maven/all.zip", OsvArchives.zip(Map.of("GHSA-jfh8-c2jp-5v3q", OsvArchives.record("Maven", "GHSA-jfh8-c2jp-5v3q"))));
        String url = server.url("/Maven/all.zip").toString();

        FeedSyncResult result = instance(clock, proxied(proxy.url()), url("Maven", server.url("/Maven/all.zip"))).sync(false).getFirst();

        assertThat(result.status()).isEqualTo("success");
        assertThat(dsl.fetchCount(VULNERABILITY, VULNERABILITY.GROUP_NAME.eq("github:java"))).isEqualTo(1);
        assertThat(proxy.accessLog()).filteredOn(entry -> entry.url().equals(url)).singleElement().satisfies(entry -> {
            assertThat(entry.method()).isEqualTo("GET");
            assertThat(entry.status()).isEqualTo(200);
            assertThat(entry.user()).isEqualTo(TestProxy.USERNAME);
        });
    }

    @Test
    void aProxyRefusingTheCredentialsFailsTheSyncNamingTheProxy() {
        TestProxy proxy = TestProxy.shared();
        server.put("/Maven/all.zip", OsvArchives.zip(Map.of("GHSA-jfh8-c2jp-5v3q", OsvArchives.record("Maven", "GHSA-jfh8-c2jp-5v3q"))));

        FeedSyncResult result = instance(clock, proxied(proxy.urlWith(TestProxy.USERNAME, "wrong")),
                url("Maven", server.url("/Maven/all.zip"))).sync(false).getFirst();

        assertThat(result.status()).isEqualTo("failure");
        assertThat(server.requests()).isEmpty();
        assertThat(dsl.fetchCount(VULNERABILITY)).isZero();
        assertThat(dsl.fetchCount(FEED_GROUP)).as("a source that never synced has no group yet").isZero();
        assertThat(result.groups()).singleElement().satisfies(group -> assertThat(group.group()).isEqualTo("Maven"));
        assertThat(dsl.fetchValue("select error from feed_sync where group_name = 'Maven'").toString())
                .contains("rejected the credentials", proxy.hostPort());
    }

    private static OutboundHttp proxied(String proxyUrl) {
        return new OutboundHttp(ProxySettings.resolve(Map.of(), new ProxyProperties(proxyUrl, proxyUrl, "")));
    }
}
