package io.drydock.platform.analysis;

import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import static io.drydock.platform.Timestamps.instant;
import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.ANALYSIS;
import static io.drydock.schemas.db.Tables.ANALYSIS_PACKAGE;

/**
 * Stored analyses, content-addressed by digest. Only analyzer-worker writes; the gateway and policy-worker read
 * (always through an account's own image record).
 */
@Repository
public class AnalysisRepository {

    private final DSLContext dsl;

    public AnalysisRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Stores (or replaces, for a re-analysis) the analysis of a digest with its packages. */
    public void save(StoredAnalysis analysis) {
        dsl.insertInto(ANALYSIS)
                .set(ANALYSIS.IMAGE_DIGEST, analysis.imageDigest())
                .set(ANALYSIS.ANALYZER_VERSION, analysis.analyzerVersion())
                .set(ANALYSIS.IMAGE_ID, analysis.imageId())
                .set(ANALYSIS.DISTRO, analysis.distro())
                .set(ANALYSIS.DISTRO_VERSION, analysis.distroVersion())
                .set(ANALYSIS.LIKE_DISTRO, analysis.likeDistro())
                .set(ANALYSIS.ARCH, analysis.arch())
                .set(ANALYSIS.OS, analysis.os())
                .set(ANALYSIS.IMAGE_SIZE, analysis.imageSize())
                .set(ANALYSIS.LAYER_COUNT, analysis.layerCount())
                .set(ANALYSIS.DOCKERFILE_MODE, analysis.dockerfileMode())
                .set(ANALYSIS.DOCUMENT, JSONB.valueOf(analysis.document()))
                .set(ANALYSIS.ANALYZED_AT, utc(analysis.analyzedAt()))
                .onConflict(ANALYSIS.IMAGE_DIGEST).doUpdate().setAllToExcluded()
                .execute();
        dsl.deleteFrom(ANALYSIS_PACKAGE).where(ANALYSIS_PACKAGE.IMAGE_DIGEST.eq(analysis.imageDigest())).execute();
        var insert = dsl.insertInto(ANALYSIS_PACKAGE, ANALYSIS_PACKAGE.IMAGE_DIGEST, ANALYSIS_PACKAGE.ORDINAL,
                ANALYSIS_PACKAGE.PKG_TYPE, ANALYSIS_PACKAGE.NAME, ANALYSIS_PACKAGE.VERSION, ANALYSIS_PACKAGE.ARCH,
                ANALYSIS_PACKAGE.SOURCE_NAME, ANALYSIS_PACKAGE.SOURCE_VERSION, ANALYSIS_PACKAGE.LICENSES,
                ANALYSIS_PACKAGE.SIZE, ANALYSIS_PACKAGE.ORIGIN, ANALYSIS_PACKAGE.LAYER_DIGEST, ANALYSIS_PACKAGE.LOCATION,
                ANALYSIS_PACKAGE.PURL);
        int ordinal = 0;
        for (StoredPackage p : analysis.packages()) {
            insert = insert.values(analysis.imageDigest(), ordinal++, p.pkgType(), p.name(), p.version(), p.arch(),
                    p.sourceName(), p.sourceVersion(), p.licenses(), p.size(), p.origin(), p.layerDigest(),
                    p.location(), p.purl());
        }
        if (ordinal > 0) {
            insert.execute();
        }
    }

    /** When the digest was analysed, if it was: analyses are shared, so a new record of it needs no new analysis. */
    public Optional<java.time.Instant> analyzedAt(String digest) {
        return dsl.select(ANALYSIS.ANALYZED_AT).from(ANALYSIS).where(ANALYSIS.IMAGE_DIGEST.eq(digest))
                .fetchOptional(r -> instant(r.value1()));
    }

    /** The analysis without its packages (document included). */
    public Optional<StoredAnalysis> find(String digest) {
        return dsl.selectFrom(ANALYSIS).where(ANALYSIS.IMAGE_DIGEST.eq(digest))
                .fetchOptional(r -> new StoredAnalysis(r.getImageDigest(), r.getAnalyzerVersion(), r.getImageId(),
                        r.getDistro(), r.getDistroVersion(), r.getLikeDistro(), r.getArch(), r.getOs(),
                        r.getImageSize(), r.getLayerCount(), r.getDockerfileMode(), r.getDocument().data(),
                        instant(r.getAnalyzedAt()), List.of()));
    }

    /** The packages of an analysis of the given types (all types when empty), in catalogue order. */
    public List<StoredPackage> packages(String digest, Collection<String> types) {
        var condition = ANALYSIS_PACKAGE.IMAGE_DIGEST.eq(digest);
        if (!types.isEmpty()) {
            condition = condition.and(ANALYSIS_PACKAGE.PKG_TYPE.in(types));
        }
        return dsl.selectFrom(ANALYSIS_PACKAGE).where(condition).orderBy(ANALYSIS_PACKAGE.ORDINAL)
                .fetch(AnalysisRepository::toPackage);
    }

    private static StoredPackage toPackage(Record record) {
        var r = record.into(ANALYSIS_PACKAGE);
        return new StoredPackage(r.getPkgType(), r.getName(), r.getVersion(), r.getArch(), r.getSourceName(),
                r.getSourceVersion(), r.getLicenses(), r.getSize(), r.getOrigin(), r.getLayerDigest(),
                r.getLocation(), r.getPurl());
    }
}
