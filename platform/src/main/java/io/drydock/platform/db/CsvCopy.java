package io.drydock.platform.db;

import org.jooq.DSLContext;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Objects;

/**
 * Bulk loading with PostgreSQL's {@code COPY … FROM STDIN (FORMAT csv)}, in the caller's transaction: rows are
 * collected as CSV and sent in chunks, which loads hundreds of thousands of rows in the time row-by-row inserts take
 * for a few thousand.
 *
 * <pre>
 * CsvCopy copy = new CsvCopy(dsl, "COPY epss_score (cve_id, score, percentile, score_date) FROM STDIN WITH (FORMAT csv)", 10_000);
 * copy.row(CsvCopy.quoted(id), score.toPlainString(), …);
 * copy.finish();
 * </pre>
 */
public final class CsvCopy {

    private final DSLContext dsl;
    private final String statement;
    private final int chunkRows;
    private final StringBuilder pending = new StringBuilder();
    private int pendingRows;
    private long rows;

    /**
     * @param statement the {@code COPY … FROM STDIN WITH (FORMAT csv)} statement
     * @param chunkRows rows sent per COPY
     */
    public CsvCopy(DSLContext dsl, String statement, int chunkRows) {
        this.dsl = Objects.requireNonNull(dsl, "dsl");
        this.statement = Objects.requireNonNull(statement, "statement");
        if (chunkRows <= 0) {
            throw new IllegalArgumentException("chunkRows must be positive");
        }
        this.chunkRows = chunkRows;
    }

    /** Adds a row of fields already in CSV form ({@link #quoted} for text, plain for numbers). */
    public void row(String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                pending.append(',');
            }
            pending.append(fields[i]);
        }
        pending.append('\n');
        pendingRows++;
        rows++;
        if (pendingRows >= chunkRows) {
            flush();
        }
    }

    /** Sends what is left and returns how many rows were loaded in all. */
    public long finish() {
        flush();
        return rows;
    }

    /** CSV field: null is an unquoted empty field (COPY's NULL), anything else is quoted with quotes doubled. */
    public static String quoted(String value) {
        return value == null ? "" : '"' + value.replace("\"", "\"\"") + '"';
    }

    private void flush() {
        if (pendingRows == 0) {
            return;
        }
        String csv = pending.toString();
        pending.setLength(0);
        pendingRows = 0;
        dsl.connection(connection -> {
            try (Reader in = new StringReader(csv)) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(statement, in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (SQLException e) {
                throw new IllegalStateException(statement.substring(0, statement.indexOf(" FROM")) + " failed: "
                        + e.getMessage(), e);
            }
        });
    }
}
