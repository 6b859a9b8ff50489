package io.drydock.feeds.source.osv;

import java.io.BufferedReader;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The index of an OSV export directory, {@code modified_id.csv}: one line per record, {@code <modified>,<ID>}, the
 * modification time in RFC 3339, newest first (e.g. {@code 2024-06-10T19:01:19.951105Z,GHSA-h75v-3vvj-5mfj}). Read
 * only down to the records older than the cursor.
 */
public final class ModifiedIds {

    /** OSV ids are {@code <DB>-<entry>} of letters, digits and {@code -._:}; anything else is no id we fetch. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,199}");

    private ModifiedIds() {
    }

    /** One line: when the record last changed, and its id. */
    public record Entry(Instant modified, String id) {
    }

    /**
     * The entries modified at or after {@code since}, newest first, each id once (the newest line of it).
     *
     * @throws FeedSourceException naming the line that is not {@code <RFC 3339>,<ID>} or breaks the newest-first order
     */
    public static List<Entry> since(BufferedReader lines, Instant since, int maxEntries) throws IOException, FeedSourceException {
        List<Entry> entries = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        Instant previous = null;
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            Entry entry = parse(line.strip(), number);
            if (previous != null && entry.modified().isAfter(previous)) {
                throw new FeedSourceException("modified_id.csv line " + number + " is newer than the line before it; "
                        + "the index must be sorted newest first");
            }
            previous = entry.modified();
            if (entry.modified().isBefore(since)) {
                break;
            }
            if (seen.add(entry.id())) {
                entries.add(entry);
            }
            if (entries.size() > maxEntries) {
                throw new FeedSourceException("modified_id.csv lists more than " + maxEntries
                        + " changed records (drydock.feeds.max-records)");
            }
        }
        return List.copyOf(entries);
    }

    static Entry parse(String line, int number) throws FeedSourceException {
        int comma = line.indexOf(',');
        if (comma <= 0) {
            throw new FeedSourceException("modified_id.csv line " + number + " is not '<modified>,<ID>': " + abbreviate(line));
        }
        Instant modified;
        try {
            modified = OffsetDateTime.parse(line.substring(0, comma)).toInstant();
        } catch (DateTimeParseException e) {
            throw new FeedSourceException("modified_id.csv line " + number + " has no RFC 3339 time: " + abbreviate(line));
        }
        String id = line.substring(comma + 1).strip();
        if (!ID.matcher(id).matches()) {
            throw new FeedSourceException("modified_id.csv line " + number + " has no OSV id: " + abbreviate(line));
        }
        return new Entry(modified, id);
    }

    private static String abbreviate(String line) {
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
