package io.drydock.gateway.feed;

import io.drydock.gateway.web.ApiTime;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.springframework.stereotype.Service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.drydock.platform.Timestamps.instant;
import static io.drydock.schemas.db.Tables.FEED;
import static io.drydock.schemas.db.Tables.FEED_GROUP;
import static org.jooq.impl.DSL.multiset;
import static org.jooq.impl.DSL.select;

/**
 * Feeds and their groups as feed-worker keeps them, in Anchore's {@code FeedMetadata} shape (§1.2) with Drydock's
 * per-group {@code last_attempt_at}, {@code last_attempt_status} and {@code last_error}: a group whose syncs fail keeps
 * its last good data and says so here.
 */
@Service
public class FeedViews {

    private final DSLContext dsl;

    public FeedViews(DSLContext dsl) {
        this.dsl = dsl;
    }

    public List<Map<String, Object>> all() {
        return dsl.select(FEED.fields()).select(groups()).from(FEED).orderBy(FEED.NAME).fetch(FeedViews::feed);
    }

    public Optional<Map<String, Object>> find(String name) {
        return dsl.select(FEED.fields()).select(groups()).from(FEED).where(FEED.NAME.eq(name))
                .fetchOptional(FeedViews::feed);
    }

    private static Field<List<Map<String, Object>>> groups() {
        return multiset(select(FEED_GROUP.NAME, FEED_GROUP.CREATED_AT, FEED_GROUP.LAST_SYNC, FEED_GROUP.RECORD_COUNT,
                FEED_GROUP.ENABLED, FEED_GROUP.LAST_ATTEMPT_AT, FEED_GROUP.LAST_ATTEMPT_STATUS, FEED_GROUP.LAST_ERROR)
                .from(FEED_GROUP)
                .where(FEED_GROUP.FEED.eq(FEED.NAME))
                .orderBy(FEED_GROUP.NAME))
                .as("groups")
                .convertFrom(rows -> rows.map(r -> {
                    Map<String, Object> group = new LinkedHashMap<>();
                    group.put("name", r.value1());
                    group.put("created_at", ApiTime.format(instant(r.value2())));
                    group.put("last_sync", ApiTime.format(instant(r.value3())));
                    group.put("record_count", r.value4());
                    group.put("enabled", r.value5());
                    group.put("last_attempt_at", ApiTime.format(instant(r.value6())));
                    group.put("last_attempt_status", r.value7());
                    group.put("last_error", r.value8());
                    return group;
                }));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> feed(Record r) {
        Map<String, Object> feed = new LinkedHashMap<>();
        feed.put("name", r.get(FEED.NAME));
        feed.put("created_at", ApiTime.format(instant(r.get(FEED.CREATED_AT))));
        feed.put("updated_at", ApiTime.format(instant(r.get(FEED.UPDATED_AT))));
        feed.put("last_full_sync", ApiTime.format(instant(r.get(FEED.LAST_FULL_SYNC))));
        feed.put("enabled", r.get(FEED.ENABLED));
        feed.put("groups", (List<Map<String, Object>>) r.get("groups"));
        return feed;
    }
}
