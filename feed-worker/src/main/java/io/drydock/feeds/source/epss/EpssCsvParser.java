package io.drydock.feeds.source.epss;

import io.drydock.feeds.source.FeedSourceException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads FIRST's daily EPSS file ({@code epss_scores-YYYY-MM-DD.csv}, usually gzipped by the caller's stream):
 * <pre>
 * #model_version:v2025.03.14,score_date:2025-03-19T12:55:00Z
 * cve,epss,percentile
 * CVE-1999-0001,0.01141,0.77740
 * </pre>
 * Older files have no comment line; their date then comes from the caller (the file name).
 */
public final class EpssCsvParser {

    private static final Pattern SCORE_DATE = Pattern.compile("score_date:(\\d{4}-\\d{2}-\\d{2})(T[^,\\s]*)?");
    private static final Pattern CVE = Pattern.compile("CVE-\\d{4}-\\d{4,}");

    /** What the file said about itself, and how many scores it held. */
    public record Summary(String modelVersion, LocalDate scoreDate, long scores) {
    }

    /**
     * @param fallbackDate the day to use when the file names none; null to require it in the file
     * @throws FeedSourceException on a file that is not EPSS CSV, a malformed line, or a file without a date
     */
    public Summary parse(InputStream in, String origin, LocalDate fallbackDate, Consumer<EpssScore> sink)
            throws FeedSourceException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String modelVersion = null;
        LocalDate date = fallbackDate;
        long count = 0;
        long lineNumber = 0;
        boolean header = false;
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                if (line.startsWith("#")) {
                    Matcher m = SCORE_DATE.matcher(line);
                    if (m.find()) {
                        date = LocalDate.parse(m.group(1));
                    }
                    int model = line.indexOf("model_version:");
                    if (model >= 0) {
                        modelVersion = line.substring(model + "model_version:".length()).split(",", 2)[0].trim();
                    }
                    continue;
                }
                if (!header) {
                    if (!line.trim().equalsIgnoreCase("cve,epss,percentile")) {
                        throw new FeedSourceException(origin + ": line " + lineNumber
                                + " is not the EPSS header 'cve,epss,percentile'");
                    }
                    header = true;
                    if (date == null) {
                        throw new FeedSourceException(origin + ": the file names no score_date");
                    }
                    continue;
                }
                sink.accept(score(line, origin, lineNumber, date));
                count++;
            }
        } catch (IOException e) {
            throw new FeedSourceException(origin + ": could not be read (cut short?): " + e.getMessage(), e);
        } catch (DateTimeParseException e) {
            throw new FeedSourceException(origin + ": malformed score_date: " + e.getParsedString(), e);
        }
        if (!header) {
            throw new FeedSourceException(origin + ": not an EPSS file (no 'cve,epss,percentile' header)");
        }
        return new Summary(modelVersion, date, count);
    }

    private static EpssScore score(String line, String origin, long lineNumber, LocalDate date)
            throws FeedSourceException {
        String[] fields = line.trim().split(",");
        if (fields.length != 3 || !CVE.matcher(fields[0]).matches()) {
            throw new FeedSourceException(origin + ": line " + lineNumber + " is not 'CVE-id,score,percentile'");
        }
        try {
            BigDecimal score = new BigDecimal(fields[1]);
            BigDecimal percentile = new BigDecimal(fields[2]);
            if (outOfRange(score) || outOfRange(percentile)) {
                throw new FeedSourceException(origin + ": line " + lineNumber + " has a value outside 0–1");
            }
            return new EpssScore(fields[0], score, percentile, date);
        } catch (NumberFormatException e) {
            throw new FeedSourceException(origin + ": line " + lineNumber + " has a malformed number");
        }
    }

    private static boolean outOfRange(BigDecimal value) {
        return value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0;
    }
}
