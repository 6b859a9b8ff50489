package io.drydock.gateway.query;

import io.drydock.gateway.error.ApiException;
import io.drydock.gateway.web.ApiTime;
import io.drydock.gateway.web.Pagination;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.springframework.stereotype.Service;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.drydock.platform.Timestamps.instant;
import static io.drydock.schemas.db.Tables.ANALYSIS_PACKAGE;
import static io.drydock.schemas.db.Tables.IMAGE;
import static io.drydock.schemas.db.Tables.IMAGE_TAG;
import static io.drydock.schemas.db.Tables.IMAGE_VULNERABILITY;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.lower;
import static org.jooq.impl.DSL.val;

/**
 * The account's analysed images that hold a vulnerability or a package (§1.13), sorted by image digest and paged as
 * Anchore pages them: {@code {page, returned_count, total_count, next_page?, images: [{image, vulnerable_packages |
 * packages}]}}.
 */
@Service
public class ImageSearch {

    public static final List<String> SEVERITIES = List.of("Unknown", "Negligible", "Low", "Medium", "High", "Critical");

    private final DSLContext dsl;

    public ImageSearch(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * @param vulnerabilityId the reported id or the id of any advisory the finding came from (a GHSA finds the CVE
     *                        it aliases)
     * @param vendorOnly      leave out findings the vendor will not fix
     */
    public Map<String, Object> byVulnerability(String account, String vulnerabilityId, String namespace,
                                               String affectedPackage, String severity, boolean vendorOnly,
                                               Pagination pagination) {
        if (vulnerabilityId == null || vulnerabilityId.isBlank()) {
            throw ApiException.badRequest("'vulnerability_id' is required");
        }
        if (severity != null && !SEVERITIES.contains(severity)) {
            throw ApiException.badRequest("severity must be one of " + SEVERITIES + ", not '" + severity + "'");
        }
        Condition condition = analysedImagesOf(account)
                .and(IMAGE_VULNERABILITY.VULN_ID.eq(vulnerabilityId)
                        .or(val(vulnerabilityId).eq(any(IMAGE_VULNERABILITY.ADVISORY_IDS))));
        if (namespace != null && !namespace.isBlank()) {
            condition = condition.and(IMAGE_VULNERABILITY.FEED_GROUP.eq(namespace));
        }
        if (affectedPackage != null && !affectedPackage.isBlank()) {
            condition = condition.and(IMAGE_VULNERABILITY.PACKAGE_NAME.eq(affectedPackage));
        }
        if (severity != null) {
            condition = condition.and(IMAGE_VULNERABILITY.SEVERITY.eq(severity));
        }
        if (vendorOnly) {
            condition = condition.and(IMAGE_VULNERABILITY.WILL_NOT_FIX.isFalse());
        }
        Map<String, Found> found = new LinkedHashMap<>();
        for (Record r : dsl.select(IMAGE.DIGEST, IMAGE.IMAGE_ID, IMAGE.ANALYZED_AT, IMAGE_VULNERABILITY.PACKAGE_NAME,
                        IMAGE_VULNERABILITY.PACKAGE_VERSION, IMAGE_VULNERABILITY.PACKAGE_TYPE,
                        IMAGE_VULNERABILITY.FEED_GROUP, IMAGE_VULNERABILITY.SEVERITY)
                .from(IMAGE_VULNERABILITY)
                .join(IMAGE).on(IMAGE.DIGEST.eq(IMAGE_VULNERABILITY.IMAGE_DIGEST))
                .where(condition)
                .orderBy(IMAGE.DIGEST, IMAGE_VULNERABILITY.PACKAGE_NAME, IMAGE_VULNERABILITY.PACKAGE_VERSION,
                        IMAGE_VULNERABILITY.PACKAGE_TYPE, IMAGE_VULNERABILITY.FEED_GROUP)
                .fetch()) {
            Map<String, Object> pkg = new LinkedHashMap<>();
            pkg.put("name", r.get(IMAGE_VULNERABILITY.PACKAGE_NAME));
            pkg.put("version", r.get(IMAGE_VULNERABILITY.PACKAGE_VERSION));
            pkg.put("type", r.get(IMAGE_VULNERABILITY.PACKAGE_TYPE));
            pkg.put("namespace", r.get(IMAGE_VULNERABILITY.FEED_GROUP));
            pkg.put("severity", r.get(IMAGE_VULNERABILITY.SEVERITY));
            add(found, r, pkg);
        }
        return page(account, found, "vulnerable_packages", pagination);
    }

    public Map<String, Object> byPackage(String account, String name, String packageType, String version,
                                         Pagination pagination) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("'name' is required");
        }
        Condition condition = analysedImagesOf(account).and(ANALYSIS_PACKAGE.NAME.eq(name));
        if (packageType != null && !packageType.isBlank()) {
            // APKG is stored upper-case (Anchore's spelling); the CLI may send any case
            condition = condition.and(lower(ANALYSIS_PACKAGE.PKG_TYPE).eq(packageType.toLowerCase(java.util.Locale.ROOT)));
        }
        if (version != null && !version.isBlank()) {
            condition = condition.and(ANALYSIS_PACKAGE.VERSION.eq(version));
        }
        Map<String, Found> found = new LinkedHashMap<>();
        for (Record r : dsl.selectDistinct(IMAGE.DIGEST, IMAGE.IMAGE_ID, IMAGE.ANALYZED_AT, ANALYSIS_PACKAGE.NAME,
                        ANALYSIS_PACKAGE.VERSION, ANALYSIS_PACKAGE.PKG_TYPE)
                .from(ANALYSIS_PACKAGE)
                .join(IMAGE).on(IMAGE.DIGEST.eq(ANALYSIS_PACKAGE.IMAGE_DIGEST))
                .where(condition)
                .orderBy(IMAGE.DIGEST, ANALYSIS_PACKAGE.NAME, ANALYSIS_PACKAGE.VERSION, ANALYSIS_PACKAGE.PKG_TYPE)
                .fetch()) {
            Map<String, Object> pkg = new LinkedHashMap<>();
            pkg.put("name", r.get(ANALYSIS_PACKAGE.NAME));
            pkg.put("version", r.get(ANALYSIS_PACKAGE.VERSION));
            pkg.put("type", r.get(ANALYSIS_PACKAGE.PKG_TYPE));
            add(found, r, pkg);
        }
        return page(account, found, "packages", pagination);
    }

    private static void add(Map<String, Found> found, Record r, Map<String, Object> pkg) {
        found.computeIfAbsent(r.get(IMAGE.DIGEST), d -> new Found(r.get(IMAGE.IMAGE_ID), r.get(IMAGE.ANALYZED_AT)))
                .packages().add(pkg);
    }

    /** Only the account's own active, analysed records: analyses are shared, image records are not. */
    private static Condition analysedImagesOf(String account) {
        return IMAGE.ACCOUNT.eq(account).and(IMAGE.IMAGE_STATUS.eq("active")).and(IMAGE.ANALYSIS_STATUS.eq("analyzed"));
    }

    /** The images found, in digest order (the queries sort by it), with the tag history of this page's images only. */
    private Map<String, Object> page(String account, Map<String, Found> found, String packagesKey,
                                     Pagination pagination) {
        List<String> shown = pagination.slice(new ArrayList<>(found.keySet()));
        Map<String, List<Map<String, Object>>> tags = tagHistory(account, shown);
        List<Map<String, Object>> images = new ArrayList<>();
        for (String digest : shown) {
            Found f = found.get(digest);
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("imageDigest", digest);
            image.put("imageId", f.imageId());
            image.put("analyzed_at", ApiTime.format(instant(f.analyzedAt())));
            image.put("tag_history", tags.getOrDefault(digest, List.of()));
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("image", image);
            entry.put(packagesKey, List.copyOf(f.packages()));
            images.add(entry);
        }
        return pagination.envelope("images", images, found.size());
    }

    private Map<String, List<Map<String, Object>>> tagHistory(String account, List<String> digests) {
        Map<String, List<Map<String, Object>>> history = new LinkedHashMap<>();
        if (digests.isEmpty()) {
            return history;
        }
        dsl.select(IMAGE_TAG.IMAGE_DIGEST, IMAGE_TAG.REGISTRY, IMAGE_TAG.REPO, IMAGE_TAG.TAG, IMAGE_TAG.TAG_DETECTED_AT)
                .from(IMAGE_TAG)
                .where(IMAGE_TAG.ACCOUNT.eq(account), IMAGE_TAG.IMAGE_DIGEST.in(digests))
                .orderBy(IMAGE_TAG.TAG_DETECTED_AT.desc(), IMAGE_TAG.REGISTRY, IMAGE_TAG.REPO, IMAGE_TAG.TAG)
                .forEach(r -> {
                    Map<String, Object> tag = new LinkedHashMap<>();
                    tag.put("registry", r.value2());
                    tag.put("repo", r.value3());
                    tag.put("tag", r.value4());
                    tag.put("fulltag", r.value2() + "/" + r.value3() + ":" + r.value4());
                    tag.put("tag_detected_at", ApiTime.format(instant(r.value5())));
                    history.computeIfAbsent(r.value1(), d -> new ArrayList<>()).add(tag);
                });
        return history;
    }

    /** An image found, with its packages in the order found (no duplicates). */
    private record Found(String imageId, OffsetDateTime analyzedAt, Set<Map<String, Object>> packages) {
        Found(String imageId, OffsetDateTime analyzedAt) {
            this(imageId, analyzedAt, new LinkedHashSet<>());
        }
    }
}
