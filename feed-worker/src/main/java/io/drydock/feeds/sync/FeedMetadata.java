package io.drydock.feeds.sync;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * A feed and its groups as the API's {@code /system/feeds} shows them; times in ISO-8601 UTC
 * ({@code 2026-11-23T18:00:00Z}), null when they never happened.
 */
public record FeedMetadata(String name, @JsonProperty("created_at") String createdAt,
                           @JsonProperty("updated_at") String updatedAt,
                           @JsonProperty("last_full_sync") String lastFullSync, boolean enabled, List<Group> groups) {

    /** @param lastSync start of the group's last successful sync; null: pending */
    public record Group(String name, @JsonProperty("created_at") String createdAt, @JsonProperty("last_sync") String lastSync,
                        @JsonProperty("record_count") int recordCount, boolean enabled) {
    }
}
