package io.drydock.gateway.image;

import io.drydock.gateway.error.ApiException;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.catalog.AnalysisJobRepository;
import io.drydock.platform.catalog.AnalysisStatus;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageSource;
import io.drydock.platform.catalog.ImageRepository;
import io.drydock.platform.catalog.ImageRepository.Recorded;
import io.drydock.platform.catalog.NewImageRecord;
import io.drydock.platform.credentials.RegistryCredentialResolver;
import io.drydock.platform.events.EventLog;
import io.drydock.platform.messaging.Events;
import io.drydock.platform.outbox.Outbox;
import io.drydock.platform.registry.ImageReference;
import io.drydock.platform.registry.InvalidImageReferenceException;
import io.drydock.platform.registry.Platform;
import io.drydock.platform.registry.RegistryClient;
import io.drydock.platform.registry.RegistryException;
import io.drydock.platform.registry.ResolvedImage;
import io.drydock.platform.subscription.SubscriptionRepository;
import io.drydock.schemas.events.ImageAdded;
import io.drydock.schemas.events.ImageAddedReason;
import io.drydock.schemas.events.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Adds images as Anchore's {@code POST /images} does (§2.3): the tag is resolved at the registry (slow I/O, before
 * any transaction), then in one transaction the record is created or merged, an analysis job is queued when one is
 * needed, the tag's subscriptions are ensured, and {@code image-added} is written to the outbox.
 */
@Service
public class ImageService {

    private static final Logger log = LoggerFactory.getLogger(ImageService.class);

    private final RegistryClient registry;
    private final RegistryCredentialResolver credentials;
    private final ImageRepository images;
    private final AnalysisRepository analyses;
    private final AnalysisJobRepository jobs;
    private final SubscriptionRepository subscriptions;
    private final Outbox outbox;
    private final EventLog events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public ImageService(RegistryClient registry, RegistryCredentialResolver credentials, ImageRepository images,
                        AnalysisRepository analyses, AnalysisJobRepository jobs,
                        SubscriptionRepository subscriptions, Outbox outbox, EventLog events,
                        TransactionTemplate transactions, Clock clock) {
        this.registry = registry;
        this.credentials = credentials;
        this.images = images;
        this.analyses = analyses;
        this.jobs = jobs;
        this.subscriptions = subscriptions;
        this.outbox = outbox;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** A normalised add request. */
    record Target(ImageReference tagRef, ImageReference pullRef, String dockerfile, Map<String, String> annotations,
                  Instant tagCreatedAt) {
    }

    public Image add(String account, AddImageRequest request, boolean force, boolean autosubscribe, String platformText) {
        Target target = normalise(request);
        Platform platform = parsePlatform(platformText);
        ResolvedImage resolved = resolve(account, target.pullRef(), platform);
        String digest = resolved.digest();
        if (target.pullRef().digest() != null && !target.pullRef().digest().equals(digest)
                && !target.pullRef().digest().equals(resolved.parentDigest())) {
            throw ApiException.badRequest("registry returned " + digest + " for " + target.pullRef());
        }
        return record(account, target, platform, resolved, force, autosubscribe, ImageSource.REGISTRY);
    }

    /**
     * Records an image whose content is already at hand (an uploaded archive) under {@code name}, exactly as an image
     * added by tag is recorded.
     */
    public Image record(String account, ImageReference name, Platform platform, ResolvedImage resolved, boolean force,
                        boolean autosubscribe, ImageSource source) {
        return record(account, new Target(name, name, null, Map.of(), null), platform, resolved, force, autosubscribe,
                source);
    }

    private Image record(String account, Target target, Platform platform, ResolvedImage resolved, boolean force,
                         boolean autosubscribe, ImageSource source) {
        String digest = resolved.digest();
        Instant now = clock.instant();
        return transactions.execute(status -> {
            Image existing = images.find(account, digest).orElse(null);
            if (existing != null && target.dockerfile() != null && !force) {
                throw ApiException.badRequest("Cannot specify dockerfile for an image that already exists unless using force=True for re-analysis");
            }
            List<String> previous = images.digestsForTag(account, target.tagRef().registry(),
                    target.tagRef().repository(), target.tagRef().tag());
            Recorded recorded = images.record(new NewImageRecord(account, digest, resolved.parentDigest(),
                    resolved.imageId(), new String(resolved.manifestBytes(), StandardCharsets.UTF_8),
                    resolved.parentManifestBytes() == null ? null : new String(resolved.parentManifestBytes(), StandardCharsets.UTF_8),
                    platform.toString(), resolved.compressedSize(), target.tagRef().registry(),
                    target.tagRef().repository(), target.tagRef().tag(), target.dockerfile(), target.annotations(),
                    target.tagCreatedAt() != null ? target.tagCreatedAt() : now, source));
            Image image = recorded.image();
            boolean revive = !image.isActive();
            boolean reanalyse = force || revive || image.analysisStatus() == AnalysisStatus.ANALYSIS_FAILED;
            UUID jobId = null;
            Optional<Instant> shared = recorded.created() && !force ? analyses.analyzedAt(digest) : Optional.empty();
            if (shared.isPresent()) {
                // Analyses are shared by digest: this account's new record reads the stored one, no second analysis.
                images.adoptAnalysis(account, digest, shared.get(), now);
            } else if (recorded.created() || reanalyse || image.analysisStatus() == AnalysisStatus.NOT_ANALYZED) {
                jobId = jobs.enqueue(account, digest, target.tagRef().registry(), target.tagRef().repository(),
                        platform.toString(), source, now);
                if (recorded.created()) {
                    images.attachJob(account, digest, jobId);
                } else if (revive) {
                    images.reactivate(account, digest, jobId, now);
                } else if (reanalyse) {
                    images.requeue(account, digest, jobId, now);
                } else {
                    images.attachJob(account, digest, jobId);
                }
            }
            Set<String> activate = new HashSet<>(Set.of("analysis_update"));
            if (autosubscribe) {
                activate.add("tag_update");
            }
            subscriptions.ensureTagSubscriptions(account, target.tagRef().fulltag(), activate, now);
            String previousDigest = previous.stream().filter(d -> !d.equals(digest)).findFirst().orElse(null);
            if (recorded.created() || recorded.tagWasNew() || jobId != null) {
                outbox.append(Topics.IMAGE_ADDED_TOPIC, digest, new ImageAdded(
                        Events.metadata(Topics.IMAGE_ADDED_TOPIC, clock, account), digest, jobId,
                        target.tagRef().fulltag(), force ? ImageAddedReason.FORCE : ImageAddedReason.API, previousDigest));
            }
            return images.find(account, digest).orElseThrow();
        });
    }

    private ResolvedImage resolve(String account, ImageReference ref, Platform platform) {
        try {
            return registry.resolve(ref, platform, credentials.forPull(account, ref));
        } catch (RegistryException e) {
            log.info("Registry lookup of {} for account {} failed; {}", ref, account, e.getMessage());
            transactions.executeWithoutResult(status -> events.append(account,
                    "system.image_analysis.registry_lookup_failed", "error", e.getMessage(), "image_reference",
                    ref.toString(), Map.of("error_code", e.code().name())));
            int status = switch (e.code()) {
                case REGISTRY_IMAGE_NOT_FOUND -> 404;
                // Refusing to contact an address is as final as the registry refusing us.
                case REGISTRY_PERMISSION_DENIED, REGISTRY_ADDRESS_REFUSED -> 403;
                case REGISTRY_NOT_SUPPORTED, OSARCH_MISMATCH -> 400;
                default -> 502;
            };
            throw ApiException.withCode(status, "cannot fetch image digest/manifest from registry: " + e.getMessage(),
                    e.code().name());
        }
    }

    static Target normalise(AddImageRequest request) {
        if (request == null) {
            throw ApiException.badRequest("request body is required");
        }
        try {
            if (request.source() != null) {
                if (request.tag() != null || request.digest() != null || request.dockerfile() != null) {
                    throw ApiException.badRequest("'source' cannot be combined with top-level tag, digest or dockerfile");
                }
                var source = request.source();
                if (source.tag() != null) {
                    ImageReference ref = tagReference(source.tag().pullstring());
                    return new Target(ref, ref, dockerfile(source.tag().dockerfile()), request.annotations(), null);
                }
                if (source.digest() != null) {
                    ImageReference pull = ImageReference.parse(required(source.digest().pullstring(), "source.digest.pullstring"));
                    if (pull.digest() == null) {
                        throw ApiException.badRequest("source.digest.pullstring must be a digest reference (repo@sha256:...)");
                    }
                    ImageReference tag = tagReference(required(source.digest().tag(), "source.digest.tag"));
                    return new Target(tag, pull, dockerfile(source.digest().dockerfile()), request.annotations(),
                            timestamp(source.digest().creation_timestamp_override()));
                }
                throw ApiException.badRequest("this source type is not supported by this server: only tag and digest sources");
            }
            ImageReference tag = tagReference(required(request.tag(), "tag"));
            ImageReference pull = tag;
            if (request.digest() != null) {
                String digest = request.digest().contains("@") ? ImageReference.parse(request.digest()).digest() : request.digest();
                pull = tag.withDigest(digest);
            }
            return new Target(tag, pull, dockerfile(request.dockerfile()), request.annotations(), timestamp(request.created_at()));
        } catch (InvalidImageReferenceException e) {
            throw ApiException.badRequest("invalid image reference: " + e.getMessage());
        }
    }

    private static ImageReference tagReference(String pullString) {
        ImageReference ref = ImageReference.parse(required(pullString, "tag"));
        if (ref.digest() != null) {
            throw ApiException.badRequest("a tag reference is required here, not a digest: " + pullString);
        }
        return ref;
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest("'" + name + "' is required");
        }
        return value;
    }

    private static String dockerfile(String base64) {
        if (base64 == null) {
            return null;
        }
        try {
            Base64.getDecoder().decode(base64.strip());
            return base64.strip();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("dockerfile must be base64 encoded");
        }
    }

    private static Instant timestamp(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new ApiException(400, "invalid date format: " + value, Map.of("Property", "created_at", "Value", value));
        }
    }

    public static Platform parsePlatform(String text) {
        if (text == null || text.isBlank()) {
            return Platform.LINUX_AMD64;
        }
        try {
            return Platform.parse(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid platform: " + text);
        }
    }
}
