package io.drydock.feeds.source.kev;

import io.drydock.feeds.source.FeedSourceException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads CISA's KEV catalog ({@code known_exploited_vulnerabilities.json}:
 * {@code {"catalogVersion","dateReleased","count","vulnerabilities":[{"cveID","dateAdded",…}]}}). The catalog is about
 * a megabyte, so it is read whole; its {@code count} must agree with the entries, which catches a truncated mirror
 * that still happens to be valid JSON.
 */
public final class KevCatalogParser {

    private final JsonMapper json;

    public KevCatalogParser(JsonMapper json) {
        this.json = json;
    }

    /** The catalog's version and its entries. */
    public record Catalog(String catalogVersion, List<KevEntry> entries) {
    }

    public Catalog parse(InputStream in, String origin) throws FeedSourceException {
        JsonNode root;
        try {
            root = json.readTree(in);
        } catch (JacksonException e) {
            throw new FeedSourceException(origin + ": not valid JSON (cut short?): " + e.getOriginalMessage(), e);
        }
        JsonNode list = root == null ? null : root.get("vulnerabilities");
        if (list == null || !list.isArray()) {
            throw new FeedSourceException(origin + ": not a KEV catalog (no 'vulnerabilities' array)");
        }
        if (root.hasNonNull("count") && root.get("count").asInt() != list.size()) {
            throw new FeedSourceException(origin + ": the catalog says it has " + root.get("count").asInt()
                    + " entries but holds " + list.size());
        }
        List<KevEntry> entries = new ArrayList<>(list.size());
        for (JsonNode item : list) {
            String cve = item.path("cveID").asString(null);
            if (cve == null || !cve.startsWith("CVE-")) {
                throw new FeedSourceException(origin + ": entry " + entries.size() + " has no cveID");
            }
            LocalDate added = date(item.path("dateAdded").asString(null), origin, cve, "dateAdded");
            if (added == null) {
                throw new FeedSourceException(origin + ": " + cve + " has no dateAdded");
            }
            entries.add(new KevEntry(cve, item.path("vendorProject").asString(null),
                    item.path("product").asString(null), item.path("vulnerabilityName").asString(null), added,
                    date(item.path("dueDate").asString(null), origin, cve, "dueDate"),
                    item.path("knownRansomwareCampaignUse").asString(null),
                    item.path("requiredAction").asString(null)));
        }
        return new Catalog(root.path("catalogVersion").asString(null), entries);
    }

    private static LocalDate date(String text, String origin, String cve, String field)
            throws FeedSourceException {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new FeedSourceException(origin + ": " + cve + " has a malformed " + field + " '" + text + "'");
        }
    }
}
