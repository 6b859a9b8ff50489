package io.drydock.policy.vulnmatch;

import io.drydock.platform.osv.DistroNamespaces;
import io.drydock.platform.osv.MalformedOsvRecordException;
import io.drydock.platform.osv.OsvParser;
import io.drydock.platform.osv.OsvRecord;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import static io.drydock.schemas.db.Tables.FEED;
import static io.drydock.schemas.db.Tables.FEED_GROUP;
import static io.drydock.schemas.db.Tables.FEED_SYNC;
import static io.drydock.schemas.db.Tables.FEED_SYNC_AFFECTED;
import static io.drydock.schemas.db.Tables.VULNERABILITY;
import static io.drydock.schemas.db.Tables.VULNERABILITY_FIX_OBSERVATION;
import static io.drydock.schemas.db.Tables.VULNERABILITY_PACKAGE;

/**
 * Feed data written the way feed-worker writes it (0019-create-feeds.sql): a real OSV record parsed with
 * {@link OsvParser}, stored in the group of one ecosystem, with one {@code vulnerability_package} row per affected
 * entry of that group keyed by {@link io.drydock.platform.osv.OsvAffected#matchKey()}. Records come from testkit's public fixture set
 * ({@code io/drydock/testkit/osv}) or this module's ({@code io/drydock/policy/vulnmatch/osv}, see its SOURCES.md).
 */
final class FeedFixtures {

    static final String FEED_NAME = "vulnerabilities";

    private final DSLContext dsl;
    private final JsonMapper json;

    FeedFixtures(DSLContext dsl, JsonMapper json) {
        this.dsl = dsl;
        this.json = json;
    }

    /** A fixture record's bytes: {@code <Ecosystem>/<ID>.json}, from testkit's set or this module's. */
    static byte[] record(String path) {
        for (String base : new String[] {"/io/drydock/testkit/osv/", "/io/drydock/policy/vulnmatch/osv/"}) {
            try (InputStream in = FeedFixtures.class.getResourceAsStream(base + path)) {
                if (in != null) {
                    return in.readAllBytes();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalArgumentException("No OSV fixture " + path);
    }

    /** The record with {@code withdrawn} set, as a source marks a retracted advisory. */
    byte[] withdrawn(byte[] record, Instant when) {
        ObjectNode node = (ObjectNode) json.readTree(record);
        node.put("withdrawn", when.toString());
        return json.writeValueAsBytes(node);
    }

    /** Stores the record in the group serving {@code ecosystem}, synced at {@code syncedAt}; returns its keys there. */
    Set<String> store(String ecosystem, byte[] bytes, Instant syncedAt) {
        OsvRecord record;
        try {
            record = OsvParser.parse(bytes);
        } catch (MalformedOsvRecordException e) {
            throw new IllegalArgumentException(e);
        }
        String group = DistroNamespaces.groupOf(ecosystem);
        OffsetDateTime at = syncedAt.atOffset(ZoneOffset.UTC);
        dsl.insertInto(FEED).set(FEED.NAME, FEED_NAME).set(FEED.CREATED_AT, at).set(FEED.UPDATED_AT, at)
                .onConflictDoNothing().execute();
        dsl.insertInto(FEED_GROUP).set(FEED_GROUP.FEED, FEED_NAME).set(FEED_GROUP.NAME, group)
                .set(FEED_GROUP.ECOSYSTEM, ecosystem).set(FEED_GROUP.CREATED_AT, at).set(FEED_GROUP.UPDATED_AT, at)
                .onConflictDoNothing().execute();
        dsl.deleteFrom(VULNERABILITY).where(VULNERABILITY.FEED.eq(FEED_NAME), VULNERABILITY.GROUP_NAME.eq(group),
                VULNERABILITY.ID.eq(record.id())).execute();
        dsl.insertInto(VULNERABILITY)
                .set(VULNERABILITY.FEED, FEED_NAME).set(VULNERABILITY.GROUP_NAME, group)
                .set(VULNERABILITY.ID, record.id())
                .set(VULNERABILITY.MODIFIED, record.modified().atOffset(ZoneOffset.UTC))
                .set(VULNERABILITY.PUBLISHED, record.published() == null ? null : record.published().atOffset(ZoneOffset.UTC))
                .set(VULNERABILITY.WITHDRAWN, record.withdrawn() == null ? null : record.withdrawn().atOffset(ZoneOffset.UTC))
                .set(VULNERABILITY.ALIASES, record.aliases().toArray(String[]::new))
                .set(VULNERABILITY.SUMMARY, record.summary())
                .set(VULNERABILITY.RECORD, JSONB.valueOf(new String(bytes, StandardCharsets.UTF_8)))
                .execute();
        Set<String> keys = new LinkedHashSet<>();
        JsonNode affected = json.readTree(bytes).path("affected");
        for (int i = 0; i < record.affected().size(); i++) {
            var entry = record.affected().get(i);
            if (!group.equals(DistroNamespaces.groupOf(entry.ecosystem()))) {
                continue;
            }
            String key = entry.matchKey();
            keys.add(key);
            dsl.insertInto(VULNERABILITY_PACKAGE)
                    .set(VULNERABILITY_PACKAGE.FEED, FEED_NAME).set(VULNERABILITY_PACKAGE.GROUP_NAME, group)
                    .set(VULNERABILITY_PACKAGE.VULN_ID, record.id()).set(VULNERABILITY_PACKAGE.ORDINAL, i)
                    .set(VULNERABILITY_PACKAGE.MATCH_KEY, key).set(VULNERABILITY_PACKAGE.ECOSYSTEM, entry.ecosystem())
                    .set(VULNERABILITY_PACKAGE.PACKAGE_NAME, entry.packageName())
                    .set(VULNERABILITY_PACKAGE.AFFECTED, JSONB.valueOf(json.writeValueAsString(affected.get(i))))
                    .execute();
        }
        synced(group, at);
        return keys;
    }

    /** A group that synced successfully and stored no records. */
    void emptyGroup(String ecosystem, Instant syncedAt) {
        OffsetDateTime at = syncedAt.atOffset(ZoneOffset.UTC);
        String group = DistroNamespaces.groupOf(ecosystem);
        dsl.insertInto(FEED).set(FEED.NAME, FEED_NAME).set(FEED.CREATED_AT, at).set(FEED.UPDATED_AT, at)
                .onConflictDoNothing().execute();
        dsl.insertInto(FEED_GROUP).set(FEED_GROUP.FEED, FEED_NAME).set(FEED_GROUP.NAME, group)
                .set(FEED_GROUP.ECOSYSTEM, ecosystem).set(FEED_GROUP.CREATED_AT, at).set(FEED_GROUP.UPDATED_AT, at)
                .set(FEED_GROUP.LAST_SYNC, at).set(FEED_GROUP.LAST_ATTEMPT_STATUS, "success")
                .onConflictDoNothing().execute();
    }

    /** feed-worker's first observation of a fix version for (record, key). */
    void fixObserved(String vulnId, String key, String version, Instant at) {
        dsl.insertInto(VULNERABILITY_FIX_OBSERVATION).set(VULNERABILITY_FIX_OBSERVATION.VULN_ID, vulnId)
                .set(VULNERABILITY_FIX_OBSERVATION.MATCH_KEY, key)
                .set(VULNERABILITY_FIX_OBSERVATION.FIX_VERSION, version)
                .set(VULNERABILITY_FIX_OBSERVATION.FIRST_OBSERVED_AT, at.atOffset(ZoneOffset.UTC))
                .onConflictDoNothing().execute();
    }

    /** A finished sync of the ecosystem's group that changed these keys: what feed-updated points at. */
    UUID sync(String ecosystem, Set<String> affectedKeys, Instant at) {
        UUID id = UUID.randomUUID();
        String group = DistroNamespaces.groupOf(ecosystem);
        dsl.insertInto(FEED_SYNC).set(FEED_SYNC.ID, id).set(FEED_SYNC.FEED, FEED_NAME).set(FEED_SYNC.GROUP_NAME, group)
                .set(FEED_SYNC.STARTED_AT, at.atOffset(ZoneOffset.UTC)).set(FEED_SYNC.FINISHED_AT, at.atOffset(ZoneOffset.UTC))
                .set(FEED_SYNC.STATUS, "success").set(FEED_SYNC.FULL_SYNC, false)
                .set(FEED_SYNC.RECORDS_ADDED, affectedKeys.size()).execute();
        for (String key : affectedKeys) {
            dsl.insertInto(FEED_SYNC_AFFECTED).set(FEED_SYNC_AFFECTED.SYNC_ID, id)
                    .set(FEED_SYNC_AFFECTED.MATCH_KEY, key).execute();
        }
        dsl.update(FEED_GROUP).set(FEED_GROUP.LAST_SYNC_ID, id)
                .where(FEED_GROUP.FEED.eq(FEED_NAME), FEED_GROUP.NAME.eq(group)).execute();
        return id;
    }

    private void synced(String group, OffsetDateTime at) {
        dsl.update(FEED_GROUP)
                .set(FEED_GROUP.LAST_SYNC, at).set(FEED_GROUP.LAST_ATTEMPT_AT, at)
                .set(FEED_GROUP.LAST_ATTEMPT_STATUS, "success").set(FEED_GROUP.UPDATED_AT, at)
                .set(FEED_GROUP.RECORD_COUNT, dsl.selectCount().from(VULNERABILITY)
                        .where(VULNERABILITY.FEED.eq(FEED_NAME), VULNERABILITY.GROUP_NAME.eq(group)).asField())
                .where(FEED_GROUP.FEED.eq(FEED_NAME), FEED_GROUP.NAME.eq(group)).execute();
    }
}
