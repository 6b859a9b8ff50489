package io.drydock.feeds.source.epss;

import io.drydock.feeds.source.FeedSourceException;
import io.drydock.platform.db.CsvCopy;
import org.jooq.DSLContext;

import java.io.InputStream;
import java.time.LocalDate;

import static io.drydock.schemas.db.Tables.EPSS_SCORE;

/**
 * Replaces the stored EPSS scores with one day's file, in the caller's transaction: EPSS publishes every score every
 * day, so the day's file is the whole truth and readers see the previous day's scores until the transaction commits.
 */
public final class EpssStore {

    private static final String COPY = "COPY epss_score (cve_id, score, percentile, score_date) FROM STDIN WITH "
            + "(FORMAT csv)";

    private final EpssCsvParser parser = new EpssCsvParser();

    /**
     * Streams the file into the table; a malformed line aborts with {@link FeedSourceException}, and the caller's
     * rollback keeps the previous scores.
     */
    public EpssCsvParser.Summary replace(DSLContext tx, InputStream csv, String origin, LocalDate fallbackDate)
            throws FeedSourceException {
        tx.deleteFrom(EPSS_SCORE).execute();
        CsvCopy copy = new CsvCopy(tx, COPY, 20_000);
        EpssCsvParser.Summary summary = parser.parse(csv, origin, fallbackDate, score -> copy.row(
                CsvCopy.quoted(score.cveId()), score.score().toPlainString(), score.percentile().toPlainString(),
                score.scoreDate().toString()));
        copy.finish();
        return summary;
    }
}
