package io.drydock.feeds.internal;

import io.drydock.feeds.sync.FeedAdminService;
import io.drydock.feeds.sync.FeedLock;
import io.drydock.feeds.sync.FeedSyncService;
import io.drydock.platform.internal.InternalToken;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The feed operations behind the API's {@code /system/feeds} (the gateway calls these with the internal token;
 * never through a proxy). A sync is synchronous, as Anchore's is.
 */
@RestController
public class InternalFeedController {

    private final FeedSyncService syncs;
    private final FeedAdminService admin;
    private final InternalToken token;

    public InternalFeedController(FeedSyncService syncs, FeedAdminService admin, InternalToken token) {
        this.syncs = syncs;
        this.admin = admin;
        this.token = token;
    }

    /** Body: {@code {"flush": false}} (optional). */
    public record SyncRequest(Boolean flush) {
    }

    @PostMapping("/internal/feeds/sync")
    public ResponseEntity<?> sync(@RequestHeader(value = InternalToken.HEADER, required = false) String presented,
                                  @RequestBody(required = false) SyncRequest request) {
        boolean flush = request != null && Boolean.TRUE.equals(request.flush());
        return authorized(presented, () -> ResponseEntity.ok(syncs.sync(flush)));
    }

    @GetMapping("/internal/feeds")
    public ResponseEntity<?> list(@RequestHeader(value = InternalToken.HEADER, required = false) String presented) {
        return authorized(presented, () -> ResponseEntity.ok(admin.list()));
    }

    @PutMapping("/internal/feeds/{feed}")
    public ResponseEntity<?> enableFeed(@RequestHeader(value = InternalToken.HEADER, required = false) String presented,
                                        @PathVariable String feed, @RequestParam boolean enabled) {
        return authorized(presented, () -> admin.setFeedEnabled(feed, enabled)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> notFound("feed " + feed)));
    }

    @PutMapping("/internal/feeds/{feed}/{group}")
    public ResponseEntity<?> enableGroup(@RequestHeader(value = InternalToken.HEADER, required = false) String presented,
                                         @PathVariable String feed, @PathVariable String group, @RequestParam boolean enabled) {
        return authorized(presented, () -> admin.setGroupEnabled(feed, group, enabled)
                .<ResponseEntity<?>>map(ResponseEntity::ok)
                .orElseGet(() -> notFound("feed group " + feed + "/" + group)));
    }

    @DeleteMapping("/internal/feeds/{feed}")
    public ResponseEntity<?> deleteFeed(@RequestHeader(value = InternalToken.HEADER, required = false) String presented,
                                        @PathVariable String feed) {
        return authorized(presented, () -> deleted(() -> admin.deleteFeed(feed), "feed " + feed));
    }

    @DeleteMapping("/internal/feeds/{feed}/{group}")
    public ResponseEntity<?> deleteGroup(@RequestHeader(value = InternalToken.HEADER, required = false) String presented,
                                         @PathVariable String feed, @PathVariable String group) {
        return authorized(presented, () -> deleted(() -> admin.deleteGroup(feed, group), "feed group " + feed + "/" + group));
    }

    private interface Deletion {
        boolean delete() throws FeedLock.BusyException;
    }

    private static ResponseEntity<?> deleted(Deletion deletion, String what) {
        try {
            return deletion.delete() ? ResponseEntity.ok().build() : notFound(what);
        } catch (FeedLock.BusyException e) {
            return ResponseEntity.status(409).body(Map.of("message", e.getMessage()));
        }
    }

    private ResponseEntity<?> authorized(String presented, Supplier<ResponseEntity<?>> action) {
        if (!token.matches(presented)) {
            return ResponseEntity.status(401).body(Map.of("message", "internal token missing or wrong"));
        }
        return action.get();
    }

    private static ResponseEntity<?> notFound(String what) {
        return ResponseEntity.status(404).body(Map.of("message", what + " not found"));
    }
}
