package io.drydock.analyzer.worker;

import io.drydock.analyzer.layer.LayerCache;
import io.drydock.analyzer.layer.LayerChanges;
import io.drydock.analyzer.layer.LayerChangesCodec;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.LAYER_ANALYSIS;

/**
 * The per-layer cache in PostgreSQL, shared by every analyzer-worker instance. A layer's findings are stored once
 * (the first writer wins; both computed the same thing) and their last use is recorded at most once a day, so a hot
 * base layer does not turn every analysis into a write. Failures are logged and the layer is read instead.
 */
final class JdbcLayerCache implements LayerCache {

    private static final Logger log = LoggerFactory.getLogger(JdbcLayerCache.class);
    private static final Duration TOUCH_INTERVAL = Duration.ofDays(1);

    private final DSLContext dsl;
    private final Clock clock;
    private final long maxEntryBytes;

    JdbcLayerCache(DSLContext dsl, Clock clock, long maxEntryBytes) {
        this.dsl = dsl;
        this.clock = clock;
        this.maxEntryBytes = maxEntryBytes;
    }

    @Override
    public Optional<LayerChanges> find(String layerDigest, String key) {
        try {
            var row = dsl.select(LAYER_ANALYSIS.FINDINGS, LAYER_ANALYSIS.LAST_USED_AT).from(LAYER_ANALYSIS)
                    .where(LAYER_ANALYSIS.LAYER_DIGEST.eq(layerDigest), LAYER_ANALYSIS.ANALYZER_VERSION.eq(key))
                    .fetchOne();
            if (row == null) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            if (row.value2().toInstant().plus(TOUCH_INTERVAL).isBefore(now)) {
                dsl.update(LAYER_ANALYSIS).set(LAYER_ANALYSIS.LAST_USED_AT, utc(now))
                        .where(LAYER_ANALYSIS.LAYER_DIGEST.eq(layerDigest), LAYER_ANALYSIS.ANALYZER_VERSION.eq(key))
                        .execute();
            }
            LayerChanges changes = LayerChangesCodec.decode(row.value1());
            if (!layerDigest.equals(changes.digest())) {
                log.warn("Layer cache entry for {} holds findings of {}; reading the layer", layerDigest,
                        changes.digest());
                return Optional.empty();
            }
            return Optional.of(changes);
        } catch (RuntimeException e) {
            log.warn("Layer cache lookup of {} failed; reading the layer: {}", layerDigest, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void store(String layerDigest, String key, LayerChanges changes) {
        try {
            byte[] encoded = LayerChangesCodec.encode(changes);
            if (encoded.length > maxEntryBytes) {
                log.info("Not caching layer {}: its findings take {} bytes, more than {}", layerDigest,
                        encoded.length, maxEntryBytes);
                return;
            }
            Instant now = clock.instant();
            dsl.insertInto(LAYER_ANALYSIS)
                    .set(LAYER_ANALYSIS.LAYER_DIGEST, layerDigest)
                    .set(LAYER_ANALYSIS.ANALYZER_VERSION, key)
                    .set(LAYER_ANALYSIS.FINDINGS, encoded)
                    .set(LAYER_ANALYSIS.FINDINGS_SIZE, (long) encoded.length)
                    .set(LAYER_ANALYSIS.CREATED_AT, utc(now))
                    .set(LAYER_ANALYSIS.LAST_USED_AT, utc(now))
                    .onConflictDoNothing()
                    .execute();
        } catch (RuntimeException e) {
            log.warn("Caching the findings of layer {} failed: {}", layerDigest, e.getMessage());
        }
    }
}
