package io.drydock.platform.analysis;

import io.drydock.platform.analysis.StoredAnalysis.StoredFile;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.platform.db.CsvCopy;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.Record;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import static io.drydock.platform.Timestamps.instant;
import static io.drydock.platform.db.CsvCopy.quoted;
import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.ANALYSIS;
import static io.drydock.schemas.db.Tables.ANALYSIS_FILE;
import static io.drydock.schemas.db.Tables.ANALYSIS_PACKAGE;

/**
 * Stored analyses, content-addressed by digest. Only analyzer-worker writes; the gateway and policy-worker read
 * (always through an account's own image record).
 */
@Repository
public class AnalysisRepository {

    /** Rows per insert statement: PostgreSQL takes at most 65535 bind values in one. */
    private static final int PACKAGE_BATCH = 1000;
    /** Rows per COPY round trip when storing files. */
    private static final int FILE_BATCH = 20_000;
    private static final TypeReference<List<String>> STRING_LIST = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, String>> STRING_MAP = new TypeReference<>() { };

    private final DSLContext dsl;
    private final JsonMapper json = JsonMapper.builder().build();

    public AnalysisRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Stores (or replaces, for a re-analysis) the analysis of a digest with its packages and files. */
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
        List<StoredPackage> packages = analysis.packages();
        for (int from = 0; from < packages.size(); from += PACKAGE_BATCH) {
            var insert = dsl.insertInto(ANALYSIS_PACKAGE, ANALYSIS_PACKAGE.IMAGE_DIGEST, ANALYSIS_PACKAGE.ORDINAL,
                    ANALYSIS_PACKAGE.PKG_TYPE, ANALYSIS_PACKAGE.NAME, ANALYSIS_PACKAGE.VERSION, ANALYSIS_PACKAGE.ARCH,
                    ANALYSIS_PACKAGE.SOURCE_NAME, ANALYSIS_PACKAGE.SOURCE_VERSION, ANALYSIS_PACKAGE.LICENSES,
                    ANALYSIS_PACKAGE.SIZE, ANALYSIS_PACKAGE.ORIGIN, ANALYSIS_PACKAGE.LAYER_DIGEST,
                    ANALYSIS_PACKAGE.LOCATION, ANALYSIS_PACKAGE.PURL, ANALYSIS_PACKAGE.CPES, ANALYSIS_PACKAGE.METADATA);
            for (int i = from; i < Math.min(packages.size(), from + PACKAGE_BATCH); i++) {
                StoredPackage p = packages.get(i);
                insert = insert.values(analysis.imageDigest(), i, p.pkgType(), p.name(), p.version(), p.arch(),
                        p.sourceName(), p.sourceVersion(), p.licenses(), p.size(), p.origin(), p.layerDigest(),
                        p.location(), p.purl(), JSONB.valueOf(json.writeValueAsString(p.cpes())),
                        JSONB.valueOf(json.writeValueAsString(p.metadata())));
            }
            insert.execute();
        }
        dsl.deleteFrom(ANALYSIS_FILE).where(ANALYSIS_FILE.IMAGE_DIGEST.eq(analysis.imageDigest())).execute();
        copyFiles(analysis.imageDigest(), analysis.files());
    }

    /**
     * Files go in with COPY: an image may hold hundreds of thousands of them, and row-by-row inserts would make
     * storing the analysis slower than analysing the image.
     */
    private void copyFiles(String digest, List<StoredFile> files) {
        CsvCopy copy = new CsvCopy(dsl, "COPY analysis_file (image_digest, path, file_type, mode, uid, gid, size, "
                + "sha256, link_target, layer_digest) FROM STDIN WITH (FORMAT csv)", FILE_BATCH);
        for (StoredFile f : files) {
            copy.row(quoted(digest), quoted(f.path()), quoted(f.fileType()), String.valueOf(f.mode()),
                    String.valueOf(f.uid()), String.valueOf(f.gid()), String.valueOf(f.size()), quoted(f.sha256()),
                    quoted(f.linkTarget()), quoted(f.layerDigest()));
        }
        copy.finish();
    }

    /** When the digest was analysed, if it was: analyses are shared, so a new record of it needs no new analysis. */
    public Optional<java.time.Instant> analyzedAt(String digest) {
        return dsl.select(ANALYSIS.ANALYZED_AT).from(ANALYSIS).where(ANALYSIS.IMAGE_DIGEST.eq(digest))
                .fetchOptional(r -> instant(r.value1()));
    }

    /** The analysis without its packages and files (document included). */
    public Optional<StoredAnalysis> find(String digest) {
        return dsl.selectFrom(ANALYSIS).where(ANALYSIS.IMAGE_DIGEST.eq(digest))
                .fetchOptional(r -> new StoredAnalysis(r.getImageDigest(), r.getAnalyzerVersion(), r.getImageId(),
                        r.getDistro(), r.getDistroVersion(), r.getLikeDistro(), r.getArch(), r.getOs(),
                        r.getImageSize(), r.getLayerCount(), r.getDockerfileMode(), r.getDocument().data(),
                        instant(r.getAnalyzedAt()), List.of(), List.of()));
    }

    /** The packages of an analysis of the given types (all types when empty), in catalogue order. */
    public List<StoredPackage> packages(String digest, Collection<String> types) {
        var condition = ANALYSIS_PACKAGE.IMAGE_DIGEST.eq(digest);
        if (!types.isEmpty()) {
            condition = condition.and(ANALYSIS_PACKAGE.PKG_TYPE.in(types));
        }
        return dsl.selectFrom(ANALYSIS_PACKAGE).where(condition).orderBy(ANALYSIS_PACKAGE.ORDINAL)
                .fetch(this::toPackage);
    }

    /**
     * Up to {@code limit} files of an analysis in path order, starting after {@code afterPath} (null: from the
     * first). Keyset paging: each page costs the same however deep into the list it is.
     */
    public List<StoredFile> files(String digest, String afterPath, int limit) {
        var condition = ANALYSIS_FILE.IMAGE_DIGEST.eq(digest);
        if (afterPath != null) {
            condition = condition.and(ANALYSIS_FILE.PATH.gt(afterPath));
        }
        return dsl.selectFrom(ANALYSIS_FILE).where(condition).orderBy(ANALYSIS_FILE.PATH).limit(limit)
                .fetch(AnalysisRepository::toFile);
    }

    /** Every file of an analysis in path order, streamed from the database without holding them all. */
    public void forEachFile(String digest, Consumer<StoredFile> consumer) {
        try (var cursor = dsl.selectFrom(ANALYSIS_FILE).where(ANALYSIS_FILE.IMAGE_DIGEST.eq(digest))
                .orderBy(ANALYSIS_FILE.PATH).fetchSize(5000).fetchLazy()) {
            for (var record : cursor) {
                consumer.accept(toFile(record));
            }
        }
    }

    public int fileCount(String digest) {
        return dsl.fetchCount(ANALYSIS_FILE, ANALYSIS_FILE.IMAGE_DIGEST.eq(digest));
    }

    private static StoredFile toFile(Record record) {
        var r = record.into(ANALYSIS_FILE);
        return new StoredFile(r.getPath(), r.getFileType(), r.getMode(), r.getUid(), r.getGid(), r.getSize(),
                r.getSha256(), r.getLinkTarget(), r.getLayerDigest());
    }

    private StoredPackage toPackage(Record record) {
        var r = record.into(ANALYSIS_PACKAGE);
        List<String> cpes = r.getCpes() == null ? List.of() : json.readValue(r.getCpes().data(), STRING_LIST);
        Map<String, String> metadata = r.getMetadata() == null ? Map.of()
                : json.readValue(r.getMetadata().data(), STRING_MAP);
        return new StoredPackage(r.getPkgType(), r.getName(), r.getVersion(), r.getArch(), r.getSourceName(),
                r.getSourceVersion(), r.getLicenses(), r.getSize(), r.getOrigin(), r.getLayerDigest(),
                r.getLocation(), r.getPurl(), cpes, metadata);
    }
}
