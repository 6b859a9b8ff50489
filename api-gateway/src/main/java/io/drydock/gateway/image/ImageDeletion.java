package io.drydock.gateway.image;

import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageDigest;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.catalog.ImageTag;
import io.drydock.platform.subscription.SubscriptionRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code DELETE /images/{digest}} as Anchore decides it (§2.4): refused while analysing, or while the image is the
 * latest digest of a tag that is watched, unless forced (which also switches those subscriptions off). Success moves
 * the record to {@code deleting}; the catalog worker purges it. Status moves are compare-and-set, so an analysis
 * finishing after this never brings the record back.
 */
@Service
public class ImageDeletion {

    /**
     * The subscription that means someone watches the tag, as Anchore checks it; analysis_update is on for every
     * image added through the API, so counting it would refuse every delete.
     */
    private static final List<String> WATCHING = List.of("tag_update");

    private final ImageRepository images;
    private final SubscriptionRepository subscriptions;
    private final Clock clock;

    public ImageDeletion(ImageRepository images, SubscriptionRepository subscriptions, Clock clock) {
        this.images = images;
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Transactional
    public Map<String, Object> delete(String account, String digest, boolean force) {
        Optional<Image> found = ImageDigest.isDigest(digest) ? images.find(account, digest) : Optional.empty();
        if (found.isEmpty()) {
            return response(digest, "not_found", "image not found");
        }
        Image image = found.get();
        if (!image.isActive()) {
            return response(digest, "deleting", null);
        }
        if (!force && image.analysisStatus() == AnalysisStatus.ANALYZING) {
            return response(digest, "delete_failed", "cannot delete image that is being analyzed; use force=true to override");
        }
        List<String> watched = new ArrayList<>();
        for (ImageTag tag : image.tags()) {
            List<String> digests = images.digestsForTag(account, tag.registry(), tag.repo(), tag.tag());
            if (!digests.isEmpty() && digests.getFirst().equals(digest)) {
                for (String type : WATCHING) {
                    if (subscriptions.isActive(account, tag.fulltag(), type)) {
                        watched.add(type + ":" + tag.fulltag());
                    }
                }
            }
        }
        if (!watched.isEmpty() && !force) {
            return response(digest, "delete_failed", "cannot delete image that is the latest of its tags and has active subscriptions "
                    + watched + "; use force=true to override");
        }
        for (String subscription : watched) {
            int colon = subscription.indexOf(':');
            subscriptions.setActive(account, SubscriptionRepository.subscriptionId(account,
                    subscription.substring(colon + 1), subscription.substring(0, colon)), false, clock.instant());
        }
        images.markDeleting(account, digest, clock.instant());
        return response(digest, "deleting", null);
    }

    private static Map<String, Object> response(String digest, String status, String detail) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("digest", digest);
        response.put("status", status);
        response.put("detail", detail);
        return response;
    }
}
