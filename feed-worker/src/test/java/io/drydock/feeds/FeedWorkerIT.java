package io.drydock.feeds;

import io.drydock.feeds.FeedProperties.Source;
import io.drydock.feeds.source.osv.OsvFetcher;
import io.drydock.feeds.sync.FeedLock;
import io.drydock.feeds.sync.FeedRepository;
import io.drydock.feeds.sync.FeedSyncService;
import io.drydock.platform.events.EventLog;
import io.drydock.platform.net.OutboundHttp;
import io.drydock.platform.outbox.Outbox;
import io.drydock.testkit.TestInfrastructure;
import io.drydock.testkit.TestPostgres;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Base of feed-worker's integration tests: one context on the JVM's shared PostgreSQL and Kafka, the scheduled sync
 * off; tests build sync services ("instances") for the sources they serve, sharing the context's database and outbox.
 */
@SpringBootTest(classes = FeedWorkerTestApplication.class, properties = "drydock.feeds.enabled=false")
public abstract class FeedWorkerIT {

    @Autowired
    protected DSLContext dsl;
    @Autowired
    protected FeedRepository feeds;
    @Autowired
    protected FeedLock locks;
    @Autowired
    protected TransactionTemplate transactions;
    @Autowired
    protected Outbox outbox;
    @Autowired
    protected EventLog events;
    @Autowired
    protected JsonMapper json;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.register(registry);
    }

    @BeforeEach
    void emptyFeeds() {
        TestPostgres.shared().truncate("feed", "feed_sync", "vulnerability_fix_observation", "outbox", "event_log",
                "image_match_key", "analysis");
    }

    /** A clock the test moves. */
    protected static final class TestClock extends Clock {
        private volatile Instant now;

        public TestClock(Instant start) {
            this.now = start;
        }

        public void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    protected static FeedProperties properties(List<Source> sources, Duration lockWait) {
        return new FeedProperties(false, Duration.ofHours(6), Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(5),
                Duration.ofSeconds(20), Duration.ofMinutes(2), lockWait, 16 * 1024 * 1024, 100_000, sources);
    }

    /** One feed-worker instance syncing these sources, direct (no proxy). */
    protected FeedSyncService instance(Clock clock, Source... sources) {
        return instance(clock, OutboundHttp.direct(), sources);
    }

    protected FeedSyncService instance(Clock clock, OutboundHttp outbound, Source... sources) {
        return instance(clock, outbound, Duration.ofSeconds(60), sources);
    }

    protected FeedSyncService instance(Clock clock, OutboundHttp outbound, Duration lockWait, Source... sources) {
        FeedProperties properties = properties(List.of(sources), lockWait);
        HttpClient http = outbound.feeds().connectTimeout(properties.connectTimeout()).build();
        return new FeedSyncService(properties, new OsvFetcher(http, properties), feeds, locks, transactions, outbox,
                events, dsl, json, clock);
    }

    protected static Source url(String ecosystem, java.net.URI url) {
        return new Source(ecosystem, url, null, null);
    }

    protected static Source path(String ecosystem, java.nio.file.Path path) {
        return new Source(ecosystem, null, path, null);
    }
}
