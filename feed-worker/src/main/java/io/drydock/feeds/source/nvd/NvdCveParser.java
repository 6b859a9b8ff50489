package io.drydock.feeds.source.nvd;

import io.drydock.feeds.source.FeedSourceException;
import io.drydock.feeds.source.nvd.NvdCve.CpeCriterion;
import io.drydock.feeds.source.nvd.NvdCve.CvssMetric;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads NVD's CVE JSON 2.0 documents — a page of the CVE API 2.0 or a yearly/modified data feed file, which share the
 * shape {@code {"format":"NVD_CVE","version":"2.0",…,"vulnerabilities":[{"cve":{…}}]}} — one record at a time, so that
 * a 300 MB yearly file never sits in memory.
 */
public final class NvdCveParser {

    private static final String NVD_SOURCE = "nvd@nist.gov";

    private final JsonMapper json;
    /** Reads one element of the array; the rest of the document follows it, so trailing tokens are expected. */
    private final ObjectReader element;

    public NvdCveParser(JsonMapper json) {
        this.json = json;
        this.element = json.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The page header: how many results the query has in all, where this page starts and how many it holds. */
    public record Page(int totalResults, int startIndex, int resultsPerPage, int records) {
    }

    /**
     * Hands every CVE of the document to {@code sink} in order and returns the page header (zeros where the document
     * is a feed file without one).
     *
     * @throws FeedSourceException when the document is not NVD CVE JSON 2.0, is cut short, or holds a record
     *                                  without an id or last-modified time
     */
    public Page parse(InputStream in, String origin, Consumer<NvdCve> sink) throws FeedSourceException {
        int total = 0;
        int start = 0;
        int perPage = 0;
        int records = 0;
        boolean sawVulnerabilities = false;
        try (JsonParser parser = json.createParser(in)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new FeedSourceException(origin + ": not an NVD CVE JSON document (no top-level object)");
            }
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "format" -> {
                        if (!"NVD_CVE".equals(parser.getString())) {
                            throw new FeedSourceException(origin + ": format is '" + parser.getString()
                                    + "', expected NVD_CVE");
                        }
                    }
                    case "version" -> {
                        if (!parser.getString().startsWith("2.")) {
                            throw new FeedSourceException(origin + ": NVD CVE JSON version '"
                                    + parser.getString() + "' is not supported (2.x is)");
                        }
                    }
                    case "totalResults" -> total = parser.getIntValue();
                    case "startIndex" -> start = parser.getIntValue();
                    case "resultsPerPage" -> perPage = parser.getIntValue();
                    case "vulnerabilities" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new FeedSourceException(origin + ": 'vulnerabilities' is not an array");
                        }
                        sawVulnerabilities = true;
                        while (parser.nextToken() == JsonToken.START_OBJECT) {
                            JsonNode item = element.readValue(parser);
                            sink.accept(cve(item.path("cve"), origin, records));
                            records++;
                        }
                    }
                    default -> parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT || parser.nextToken() != null) {
                throw new FeedSourceException(origin + ": unexpected content after the document");
            }
        } catch (JacksonException e) {
            throw new FeedSourceException(origin + ": not valid JSON (cut short?): " + e.getOriginalMessage(), e);
        } catch (RecordException e) {
            throw new FeedSourceException(e.getMessage());
        }
        if (!sawVulnerabilities) {
            throw new FeedSourceException(origin + ": no 'vulnerabilities' array");
        }
        return new Page(total, start, perPage, records);
    }

    private static NvdCve cve(JsonNode cve, String origin, int index) {
        String id = cve.path("id").asString(null);
        if (id == null || !id.startsWith("CVE-")) {
            throw new RecordException(origin + ": record " + index + " has no CVE id");
        }
        Instant lastModified = time(cve.path("lastModified").asString(null), origin, id, "lastModified");
        if (lastModified == null) {
            throw new RecordException(origin + ": " + id + " has no lastModified time");
        }
        String status = cve.path("vulnStatus").asString("");
        String description = null;
        for (JsonNode d : cve.path("descriptions")) {
            if ("en".equals(d.path("lang").asString())) {
                description = d.path("value").asString(null);
                break;
            }
        }
        JsonNode metrics = cve.path("metrics");
        CvssMetric v3 = metric(metrics.path("cvssMetricV31"), origin, id);
        if (v3 == null) {
            v3 = metric(metrics.path("cvssMetricV30"), origin, id);
        }
        return new NvdCve(id, time(cve.path("published").asString(null), origin, id, "published"), lastModified,
                "Rejected".equalsIgnoreCase(status) || "REJECTED".equals(status), description,
                metric(metrics.path("cvssMetricV2"), origin, id), v3, metric(metrics.path("cvssMetricV40"), origin, id),
                cpes(cve.path("configurations")));
    }

    /** The metric NVD itself scored (type Primary, source nvd@nist.gov), else the first Primary, else the first. */
    private static CvssMetric metric(JsonNode list, String origin, String id) {
        JsonNode chosen = null;
        for (JsonNode m : list) {
            boolean primary = "Primary".equals(m.path("type").asString());
            if (primary && NVD_SOURCE.equals(m.path("source").asString())) {
                chosen = m;
                break;
            }
            if (chosen == null || primary && !"Primary".equals(chosen.path("type").asString())) {
                chosen = m;
            }
        }
        if (chosen == null) {
            return null;
        }
        JsonNode data = chosen.path("cvssData");
        if (!data.path("baseScore").isNumber() || data.path("vectorString").asString(null) == null) {
            throw new RecordException(origin + ": " + id + " has a CVSS metric without a base score or vector");
        }
        // v2 keeps its rating beside cvssData, v3 and v4 inside it
        String severity = data.path("baseSeverity").asString(chosen.path("baseSeverity").asString(null));
        return new CvssMetric(data.path("version").asString(null), chosen.path("source").asString(null),
                data.path("vectorString").asString(), data.path("baseScore").asDouble(),
                number(chosen.path("exploitabilityScore")), number(chosen.path("impactScore")), severity);
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    private static List<CpeCriterion> cpes(JsonNode configurations) {
        List<CpeCriterion> out = new ArrayList<>();
        for (JsonNode configuration : configurations) {
            for (JsonNode node : configuration.path("nodes")) {
                for (JsonNode match : node.path("cpeMatch")) {
                    if (match.path("vulnerable").asBoolean(false) && match.hasNonNull("criteria")) {
                        out.add(new CpeCriterion(match.path("criteria").asString(),
                                match.path("versionStartIncluding").asString(null),
                                match.path("versionStartExcluding").asString(null),
                                match.path("versionEndIncluding").asString(null),
                                match.path("versionEndExcluding").asString(null)));
                    }
                }
            }
        }
        return out;
    }

    /** NVD writes local date-times without a zone ({@code 2021-12-10T10:15:09.143}); they are UTC. */
    private static Instant time(String text, String origin, String id, String field) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new RecordException(origin + ": " + id + " has a malformed " + field + " '" + text + "'");
            }
        }
    }

    /** Carries a record problem out of the sink loop; never escapes this class. */
    private static final class RecordException extends RuntimeException {
        RecordException(String message) {
            super(message, null, false, false);
        }
    }
}
