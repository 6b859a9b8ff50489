package io.drydock.catalog.retention;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.drydock.platform.Timestamps.utc;

/**
 * Purges history past its retention: events, finished webhook deliveries, processed-event ledger rows, superseded
 * evaluations, and analyses of digests no image record references. One instance purges at a time (an advisory lock).
 */
@Component
public class RetentionPurge {

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);
    private static final long LOCK_KEY = 0x6472797265746e31L;

    private final DSLContext dsl;
    private final TransactionTemplate transactions;
    private final RetentionProperties retention;
    private final Clock clock;

    public RetentionPurge(DSLContext dsl, TransactionTemplate transactions, RetentionProperties retention, Clock clock) {
        this.dsl = dsl;
        this.transactions = transactions;
        this.retention = retention;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${drydock.retention.interval:1h}", initialDelayString = "${drydock.retention.interval:1h}")
    public void scheduled() {
        purge();
    }

    /** Runs one purge; returns the rows removed per kind (empty when another instance holds the lock). */
    public Map<String, Integer> purge() {
        Map<String, Integer> removed = new LinkedHashMap<>();
        transactions.executeWithoutResult(status -> {
            if (!Boolean.TRUE.equals(dsl.fetchValue("select pg_try_advisory_xact_lock(?)", LOCK_KEY))) {
                return;
            }
            removed.put("events", dsl.execute("delete from event_log where created_at < {0}", before(retention.events())));
            removed.put("webhook_deliveries", dsl.execute(
                    "delete from webhook_delivery where state in ('delivered', 'failed') and updated_at < {0}",
                    before(retention.webhookDeliveries())));
            removed.put("processed_events", dsl.execute("delete from processed_event where processed_at < {0}",
                    before(retention.processedEvents())));
            removed.put("evaluations", dsl.execute("""
                    delete from policy_evaluation e
                    where e.last_evaluated_at < {0}
                      and exists (select 1 from policy_evaluation newer
                                  where newer.account = e.account and newer.image_digest = e.image_digest
                                    and newer.tag = e.tag and newer.created_at > e.created_at)""",
                    before(retention.evaluationHistory())));
            removed.put("analyses", dsl.execute("""
                    delete from analysis a
                    where a.analyzed_at < {0}
                      and not exists (select 1 from image i where i.digest = a.image_digest)""",
                    before(retention.unreferencedAnalyses())));
            removed.put("layer_findings", dsl.execute("delete from layer_analysis where last_used_at < {0}",
                    before(retention.layerFindings())));
        });
        if (removed.values().stream().anyMatch(n -> n > 0)) {
            log.info("Retention purge removed {}", removed);
        }
        return removed;
    }

    private Field<OffsetDateTime> before(Duration age) {
        return DSL.val(utc(clock.instant().minus(age)));
    }
}
