package io.drydock.platform.osv;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one OSV record (schema 1.x, https://ossf.github.io/osv-schema/) strictly: what the schema requires is checked,
 * and a record that breaks it is refused as a whole with the record's id and the JSON path of the problem, so that a
 * feed never stores half a record or a range evaluated on a guess. Fields the schema allows but Drydock does not use
 * ({@code schema_version}, {@code credits}, ...) are ignored.
 */
public final class OsvParser {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** The schema's {@code GIT} event versions: full-length commit hashes (or "0"). */
    private static final Pattern GIT_COMMIT = Pattern.compile("0|[a-f0-9]{40}|[a-f0-9]{64}");
    /** RFC 3339, as the schema's {@code timestamp}: date, 'T', time, optional fraction, 'Z' or an offset. */
    private static final Pattern TIMESTAMP =
            Pattern.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?([Zz]|[+-]\\d{2}:\\d{2})");

    private OsvParser() {
    }

    /**
     * @throws MalformedOsvRecordException when the bytes are not one JSON object, the id or {@code modified} is
     *                                     missing, a timestamp is malformed, a field has the wrong type, a range has
     *                                     an unknown type, or its events break the schema (none, no
     *                                     {@code introduced}, an event with zero or several kinds, {@code fixed}
     *                                     together with {@code last_affected}, a GIT range without repo or with short
     *                                     commits)
     */
    public static OsvRecord parse(byte[] json) throws MalformedOsvRecordException {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new MalformedOsvRecordException(null, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedOsvRecordException(null, "not a JSON object");
        }
        JsonNode idNode = root.get("id");
        if (idNode == null || idNode.isNull()) {
            throw new MalformedOsvRecordException(null, "no 'id'");
        }
        if (!idNode.isString() || idNode.asString().isBlank()) {
            throw new MalformedOsvRecordException(null, "'id' is not a non-empty string: " + idNode);
        }
        return new Reader(idNode.asString()).record(root);
    }

    /** Reads the fields of one record, naming it in every problem. */
    private record Reader(String id) {

        OsvRecord record(JsonNode root) throws MalformedOsvRecordException {
            JsonNode modified = root.get("modified");
            if (modified == null || modified.isNull()) {
                throw problem("no 'modified' timestamp");
            }
            List<OsvAffected> affected = new ArrayList<>();
            List<JsonNode> affectedNodes = array(root, "affected", "affected");
            for (int i = 0; i < affectedNodes.size(); i++) {
                affected.add(affected(affectedNodes.get(i), "affected[" + i + "]"));
            }
            List<OsvReference> references = new ArrayList<>();
            List<JsonNode> referenceNodes = array(root, "references", "references");
            for (int i = 0; i < referenceNodes.size(); i++) {
                String path = "references[" + i + "]";
                JsonNode reference = object(referenceNodes.get(i), path);
                references.add(new OsvReference(requiredString(reference, "type", path),
                        requiredString(reference, "url", path)));
            }
            return new OsvRecord(id, timestamp(modified, "modified"), optionalTimestamp(root, "published"),
                    optionalTimestamp(root, "withdrawn"), strings(root, "aliases"), strings(root, "related"),
                    optionalString(root, "summary", ""), optionalString(root, "details", ""),
                    severities(root, ""), affected, references, optionalObject(root, "database_specific", ""),
                    strings(root, "upstream"));
        }

        private OsvAffected affected(JsonNode node, String path) throws MalformedOsvRecordException {
            JsonNode entry = object(node, path);
            JsonNode pkg = entry.get("package");
            if (pkg == null || pkg.isNull()) {
                throw problem(path + ": no 'package' (an entry without a package cannot be matched)");
            }
            String pkgPath = path + ".package";
            object(pkg, pkgPath);
            String ecosystem = requiredString(pkg, "ecosystem", pkgPath);
            String name = requiredString(pkg, "name", pkgPath);
            List<OsvRange> ranges = new ArrayList<>();
            List<JsonNode> rangeNodes = array(entry, "ranges", path + ".ranges");
            for (int i = 0; i < rangeNodes.size(); i++) {
                ranges.add(range(rangeNodes.get(i), path + ".ranges[" + i + "]"));
            }
            return new OsvAffected(ecosystem, name, optionalString(pkg, "purl", pkgPath), ranges,
                    strings(entry, "versions", path + ".versions"), severities(entry, path),
                    optionalObject(entry, "ecosystem_specific", path),
                    optionalObject(entry, "database_specific", path));
        }

        private OsvRange range(JsonNode node, String path) throws MalformedOsvRecordException {
            JsonNode range = object(node, path);
            String typeName = requiredString(range, "type", path);
            OsvRange.Type type;
            try {
                type = OsvRange.Type.valueOf(typeName);
            } catch (IllegalArgumentException e) {
                throw problem(path + ".type: unknown range type '" + typeName + "' (ECOSYSTEM, SEMVER or GIT)");
            }
            String repo = optionalString(range, "repo", path);
            if (type == OsvRange.Type.GIT && repo == null) {
                throw problem(path + ": a GIT range needs a 'repo'");
            }
            List<JsonNode> eventNodes = array(range, "events", path + ".events");
            if (eventNodes.isEmpty()) {
                throw problem(path + ".events: a range needs at least one event");
            }
            List<OsvEvent> events = new ArrayList<>();
            for (int i = 0; i < eventNodes.size(); i++) {
                events.add(event(eventNodes.get(i), path + ".events[" + i + "]", type));
            }
            if (events.stream().noneMatch(event -> event.kind() == OsvEvent.Kind.INTRODUCED)) {
                throw problem(path + ".events: no 'introduced' event");
            }
            if (events.stream().anyMatch(event -> event.kind() == OsvEvent.Kind.FIXED)
                    && events.stream().anyMatch(event -> event.kind() == OsvEvent.Kind.LAST_AFFECTED)) {
                throw problem(path + ".events: 'fixed' and 'last_affected' events in the same range");
            }
            return new OsvRange(type, repo, events);
        }

        private OsvEvent event(JsonNode node, String path, OsvRange.Type type) throws MalformedOsvRecordException {
            JsonNode event = object(node, path);
            OsvEvent found = null;
            for (OsvEvent.Kind kind : OsvEvent.Kind.values()) {
                if (!event.has(kind.field())) {
                    continue;
                }
                if (found != null) {
                    throw problem(path + ": both '" + found.kind().field() + "' and '" + kind.field()
                            + "'; an event has exactly one of introduced, fixed, last_affected, limit");
                }
                String version = requiredString(event, kind.field(), path);
                if (type == OsvRange.Type.GIT && !GIT_COMMIT.matcher(version).matches()) {
                    throw problem(path + "." + kind.field() + ": '" + version
                            + "' is not a full-length commit hash, as a GIT range requires");
                }
                found = new OsvEvent(kind, version);
            }
            if (found == null) {
                throw problem(path + ": none of introduced, fixed, last_affected, limit");
            }
            return found;
        }

        private List<OsvSeverity> severities(JsonNode parent, String path) throws MalformedOsvRecordException {
            String base = path.isEmpty() ? "severity" : path + ".severity";
            List<OsvSeverity> severities = new ArrayList<>();
            List<JsonNode> nodes = array(parent, "severity", base);
            for (int i = 0; i < nodes.size(); i++) {
                String itemPath = base + "[" + i + "]";
                JsonNode severity = object(nodes.get(i), itemPath);
                severities.add(new OsvSeverity(requiredString(severity, "type", itemPath),
                        requiredString(severity, "score", itemPath)));
            }
            return severities;
        }

        private Instant optionalTimestamp(JsonNode parent, String field) throws MalformedOsvRecordException {
            JsonNode node = parent.get(field);
            return node == null || node.isNull() ? null : timestamp(node, field);
        }

        private Instant timestamp(JsonNode node, String path) throws MalformedOsvRecordException {
            if (!node.isString() || !TIMESTAMP.matcher(node.asString()).matches()) {
                throw problem(path + ": " + node + " is not an RFC 3339 timestamp such as 2021-12-10T00:40:56Z");
            }
            try {
                return OffsetDateTime.parse(node.asString().toUpperCase(Locale.ROOT),
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeParseException e) {
                throw problem(path + ": " + node + " is not a valid date and time (" + e.getMessage() + ")");
            }
        }

        private List<String> strings(JsonNode parent, String field) throws MalformedOsvRecordException {
            return strings(parent, field, field);
        }

        private List<String> strings(JsonNode parent, String field, String path) throws MalformedOsvRecordException {
            List<String> values = new ArrayList<>();
            List<JsonNode> nodes = array(parent, field, path);
            for (int i = 0; i < nodes.size(); i++) {
                if (!nodes.get(i).isString()) {
                    throw problem(path + "[" + i + "]: " + nodes.get(i) + " is not a string");
                }
                values.add(nodes.get(i).asString());
            }
            return values;
        }

        /** An absent or null array is empty: the schema allows {@code null} for several of them. */
        private List<JsonNode> array(JsonNode parent, String field, String path) throws MalformedOsvRecordException {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw problem(path + ": " + describe(node) + " where an array belongs");
            }
            List<JsonNode> items = new ArrayList<>();
            node.forEach(items::add);
            return items;
        }

        private JsonNode object(JsonNode node, String path) throws MalformedOsvRecordException {
            if (!node.isObject()) {
                throw problem(path + ": " + describe(node) + " where an object belongs");
            }
            return node;
        }

        private JsonNode optionalObject(JsonNode parent, String field, String path)
                throws MalformedOsvRecordException {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            return object(node, join(path, field));
        }

        private String requiredString(JsonNode parent, String field, String path) throws MalformedOsvRecordException {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                throw problem(path + ": no '" + field + "'");
            }
            if (!node.isString() || node.asString().isEmpty()) {
                throw problem(join(path, field) + ": " + describe(node) + " is not a non-empty string");
            }
            return node.asString();
        }

        private String optionalString(JsonNode parent, String field, String path) throws MalformedOsvRecordException {
            JsonNode node = parent.get(field);
            if (node == null || node.isNull()) {
                return null;
            }
            if (!node.isString()) {
                throw problem(join(path, field) + ": " + describe(node) + " is not a string");
            }
            return node.asString();
        }

        private MalformedOsvRecordException problem(String problem) {
            return new MalformedOsvRecordException(id, problem);
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** A short description of a JSON value for messages: its type and, when short, the value. */
    private static String describe(JsonNode node) {
        String kind = node.isObject() ? "an object" : node.isArray() ? "an array" : node.isString() ? "a string"
                : node.isNumber() ? "a number" : node.isBoolean() ? "a boolean" : "null";
        String text = node.toString();
        return text.length() <= 60 ? kind + " " + text : kind;
    }
}
