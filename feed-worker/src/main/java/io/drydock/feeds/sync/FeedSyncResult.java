package io.drydock.feeds.sync;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The outcome of syncing one feed, as the API's {@code POST /system/feeds} returns it.
 *
 * @param status           {@code success} when every group synced, else {@code failure}
 * @param totalTimeSeconds wall time of the feed's sync
 */
public record FeedSyncResult(String feed, String status, @JsonProperty("total_time_seconds") double totalTimeSeconds,
                             List<GroupResult> groups) {

    /**
     * @param updatedImageCount  images holding a matching key of a changed record (they are re-matched)
     * @param updatedRecordCount records added, changed or removed
     */
    public record GroupResult(String group, String status, @JsonProperty("updated_image_count") int updatedImageCount,
                              @JsonProperty("updated_record_count") int updatedRecordCount,
                              @JsonProperty("total_time_seconds") double totalTimeSeconds) {
    }

    public static final String SUCCESS = "success";
    public static final String FAILURE = "failure";
}
