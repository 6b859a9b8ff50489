package io.drydock.feeds.sync;

import io.drydock.testkit.TestPostgres;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The feed lock on a real PostgreSQL, each "instance" on its own connection. */
class FeedLockIT {

    private final TestPostgres postgres = TestPostgres.shared();

    @Test
    void oneHolderPerFeedAndTheWaitIsBoundedWithoutLeavingTheBoundOnThePooledConnection() throws Exception {
        FeedLock first = new FeedLock(postgres.dataSource());
        SingleConnectionDataSource pooled = new SingleConnectionDataSource(postgres.jdbcUrl(), postgres.username(),
                postgres.password(), true);
        FeedLock second = new FeedLock(pooled);
        try (FeedLock.Held held = first.acquire("lock-test", Duration.ofSeconds(5))) {
            assertThat(second.tryAcquire("lock-test")).isEmpty();
            assertThat(second.tryAcquire("another-feed")).hasValueSatisfying(FeedLock.Held::close);

            assertThatThrownBy(() -> second.acquire("lock-test", Duration.ofMillis(200)))
                    .isInstanceOf(FeedLock.BusyException.class).hasMessageContaining("lock-test");
            try (Connection connection = pooled.getConnection(); Statement statement = connection.createStatement();
                 ResultSet timeout = statement.executeQuery("show lock_timeout")) {
                timeout.next();
                assertThat(timeout.getString(1)).isEqualTo("0");
            }
        }
        try (FeedLock.Held again = second.acquire("lock-test", Duration.ofSeconds(5))) {
            assertThat(first.tryAcquire("lock-test")).as("released by the first holder, held by the second").isEmpty();
        }
        pooled.destroy();
    }
}
