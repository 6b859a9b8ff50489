package io.drydock.gateway.feed;

import io.drydock.gateway.account.Caller;
import io.drydock.gateway.error.ApiException;
import io.drydock.gateway.web.QueryFlags;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * The feeds (§1.2): anyone reads them from the database; changes are admin-only and done by feed-worker, which the
 * gateway calls ({@link FeedWorkerClient}). A changed feed is answered as {@code GET /system/feeds} shows it.
 */
@RestController
@RequestMapping({"/v1", ""})
public class FeedController {

    private final FeedViews feeds;
    private final FeedWorkerClient feedWorker;

    public FeedController(FeedViews feeds, FeedWorkerClient feedWorker) {
        this.feeds = feeds;
        this.feedWorker = feedWorker;
    }

    @GetMapping("/system/feeds")
    public List<Map<String, Object>> list(HttpServletRequest request) {
        Caller.of(request);
        return feeds.all();
    }

    /** A synchronous sync of every enabled group; {@code sync} is accepted and unused, as in Anchore. */
    @PostMapping("/system/feeds")
    public JsonNode sync(HttpServletRequest request, @RequestParam(required = false) String flush,
                         @RequestParam(required = false) String sync) {
        Caller.of(request).requireAdmin();
        QueryFlags.parse(sync, true);
        return feedWorker.sync(QueryFlags.parse(flush, false));
    }

    @PutMapping("/system/feeds/{feed}")
    public Map<String, Object> setFeedEnabled(HttpServletRequest request, @PathVariable String feed,
                                              @RequestParam String enabled) {
        Caller.of(request).requireAdmin();
        feedWorker.setEnabled(feed, null, QueryFlags.parse(enabled, true));
        return changed(feed);
    }

    @PutMapping("/system/feeds/{feed}/{group}")
    public List<Map<String, Object>> setGroupEnabled(HttpServletRequest request, @PathVariable String feed,
                                                     @PathVariable String group, @RequestParam String enabled) {
        Caller.of(request).requireAdmin();
        feedWorker.setEnabled(feed, group, QueryFlags.parse(enabled, true));
        return List.of(changed(feed));
    }

    @DeleteMapping("/system/feeds/{feed}")
    public ResponseEntity<JsonNode> deleteFeed(HttpServletRequest request, @PathVariable String feed) {
        Caller.of(request).requireAdmin();
        return deleted(feedWorker.delete(feed, null));
    }

    @DeleteMapping("/system/feeds/{feed}/{group}")
    public ResponseEntity<JsonNode> deleteGroup(HttpServletRequest request, @PathVariable String feed,
                                                @PathVariable String group) {
        Caller.of(request).requireAdmin();
        return deleted(feedWorker.delete(feed, group));
    }

    /** 200 with what feed-worker said, if anything. */
    private static ResponseEntity<JsonNode> deleted(JsonNode answer) {
        return answer.isMissingNode() ? ResponseEntity.ok().build() : ResponseEntity.ok(answer);
    }

    private Map<String, Object> changed(String feed) {
        return feeds.find(feed).orElseThrow(() -> ApiException.notFound("Resource feed " + feed + " not found"));
    }
}
