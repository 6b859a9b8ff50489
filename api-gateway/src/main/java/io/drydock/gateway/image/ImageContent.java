package io.drydock.gateway.image;

import io.drydock.gateway.error.ApiException;
import io.drydock.platform.analysis.AnalysisRepository;
import io.drydock.platform.analysis.StoredAnalysis;
import io.drydock.platform.analysis.StoredAnalysis.StoredFile;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import io.drydock.platform.catalog.Image;
import io.drydock.platform.catalog.ImageRepository;
import org.springframework.stereotype.Service;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an analysis found, in the shapes of Anchore's content and metadata endpoints (§1.4, §3.4): packages per
 * content type, the files (streamed, or paged by path), and the manifest, Dockerfile and history.
 */
@Service
public class ImageContent {

    /** Content types served, in Anchore's order, then the package types Drydock adds. */
    public static final List<String> CONTENT_TYPES = List.of("os", "files", "npm", "gem", "python", "java",
            "binary", "go", "nuget", "rust", "composer");
    public static final List<String> METADATA_TYPES = List.of("manifest", "docker_history", "dockerfile");
    static final List<String> OS_PACKAGE_TYPES = List.of("dpkg", "APKG", "rpm");
    /** Largest page of {@code /content/files} a client may ask for. */
    static final int MAX_FILES_PAGE = 10_000;

    private final ImageQueries queries;
    private final ImageRepository images;
    private final AnalysisRepository analyses;
    private final JsonMapper json;

    public ImageContent(ImageQueries queries, ImageRepository images, AnalysisRepository analyses, JsonMapper json) {
        this.queries = queries;
        this.images = images;
        this.analyses = analyses;
        this.json = json;
    }

    /** {@code {imageDigest, content_type, content: [...]}} for a package content type. */
    public Map<String, Object> packages(String account, String digest, String type) {
        if (!CONTENT_TYPES.contains(type) || type.equals("files")) {
            throw ApiException.notFound("content type (" + type + ") not available; available types: "
                    + CONTENT_TYPES);
        }
        Image image = queries.requireAnalyzed(account, digest);
        List<Map<String, Object>> content = new ArrayList<>();
        if (type.equals("os")) {
            for (StoredPackage p : analyses.packages(image.digest(), OS_PACKAGE_TYPES)) {
                content.add(osRecord(p));
            }
        } else {
            for (StoredPackage p : analyses.packages(image.digest(), List.of(type))) {
                content.add(type.equals("java") ? javaRecord(p) : languageRecord(p));
            }
        }
        return response(image.digest(), type, content);
    }

    /**
     * A page of {@code /content/files}: up to {@code limit} files after the path {@code after}, with {@code next}
     * naming the path to continue after when more remain.
     */
    public Map<String, Object> filesPage(String account, String digest, String after, int limit) {
        if (limit < 1 || limit > MAX_FILES_PAGE) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_FILES_PAGE);
        }
        Image image = queries.requireAnalyzed(account, digest);
        List<StoredFile> page = analyses.files(image.digest(), after, limit + 1);
        boolean more = page.size() > limit;
        List<Map<String, Object>> content = new ArrayList<>();
        for (StoredFile f : more ? page.subList(0, limit) : page) {
            content.add(fileRecord(f));
        }
        Map<String, Object> response = response(image.digest(), "files", content);
        response.put("next", more ? page.get(limit - 1).path() : null);
        return response;
    }

    /**
     * All of {@code /content/files}, written as the rows come from the database: an image with a million files is
     * never held in memory. The image is checked before anything is written, so errors still get their status.
     */
    public FilesWriter allFiles(String account, String digest) {
        Image image = queries.requireAnalyzed(account, digest);
        return out -> {
            try (JsonGenerator generator = json.createGenerator(out)) {
                generator.writeStartObject();
                generator.writeStringProperty("imageDigest", image.digest());
                generator.writeStringProperty("content_type", "files");
                generator.writeArrayPropertyStart("content");
                analyses.forEachFile(image.digest(), f -> json.writeValue(generator, fileRecord(f)));
                generator.writeEndArray();
                generator.writeEndObject();
            }
        };
    }

    /** Writes a response body. */
    @FunctionalInterface
    public interface FilesWriter {
        void writeTo(OutputStream out);
    }

    /** {@code {imageDigest, metadata_type, metadata: <base64>}}. */
    public Map<String, Object> metadata(String account, String digest, String type) {
        if (!METADATA_TYPES.contains(type)) {
            throw ApiException.notFound("metadata type (" + type + ") not available; available types: "
                    + METADATA_TYPES);
        }
        Image image = queries.requireAnalyzed(account, digest);
        StoredAnalysis analysis = analyses.find(image.digest())
                .orElseThrow(() -> ApiException.notFound("analysis of " + image.digest() + " not found"));
        JsonNode document = json.readTree(analysis.document());
        String text = switch (type) {
            case "manifest" -> images.manifest(account, image.digest()).orElse("");
            case "docker_history" -> json.writeValueAsString(document.path("dockerHistory"));
            // Anchore returns the Dockerfile here only when one was given; a reconstructed one is in image_detail.
            default -> "Actual".equals(analysis.dockerfileMode()) ? document.path("dockerfile").asString("") : "";
        };
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("imageDigest", image.digest());
        response.put("metadata_type", type);
        response.put("metadata", Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
        return response;
    }

    /**
     * Anchore's analysis artifacts: {@code retrieved_files} ({@code [{path, b64_content}]}), {@code secret_search} and
     * {@code file_content_search} ({@code [{path, matches: [{name, regex, lines}]}]}; never the matched text).
     */
    public List<Map<String, Object>> artifacts(String account, String digest, String kind) {
        String field = switch (kind) {
            case "retrieved_files" -> "retrievedFiles";
            case "secret_search" -> "secretSearch";
            case "file_content_search" -> "contentSearch";
            default -> throw ApiException.notFound("artifact type (" + kind + ") not available; available types: "
                    + List.of("retrieved_files", "secret_search", "file_content_search"));
        };
        Image image = queries.requireAnalyzed(account, digest);
        StoredAnalysis analysis = analyses.find(image.digest())
                .orElseThrow(() -> ApiException.notFound("analysis of " + image.digest() + " not found"));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (JsonNode item : json.readTree(analysis.document()).path(field)) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("path", item.path("path").asString());
            if (kind.equals("retrieved_files")) {
                row.put("b64_content", item.path("b64Content").asString());
            } else {
                List<Map<String, Object>> matches = new ArrayList<>();
                for (JsonNode match : item.path("matches")) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", match.path("name").asString());
                    m.put("regex", match.path("regex").asString());
                    List<Integer> lines = new ArrayList<>();
                    match.path("lines").forEach(line -> lines.add(line.asInt()));
                    m.put("lines", lines);
                    matches.add(m);
                }
                row.put("matches", matches);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> response(String digest, String type, List<Map<String, Object>> content) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("imageDigest", digest);
        response.put("content_type", type);
        response.put("content", content);
        return response;
    }

    private static Map<String, Object> osRecord(StoredPackage p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("package", p.name());
        row.put("version", p.version());
        String license = license(p);
        row.put("license", license);
        row.put("licenses", List.of(license.split("\\s+")));
        row.put("origin", p.origin() == null ? "N/A" : p.origin());
        row.put("size", p.size() == null ? "N/A" : String.valueOf(p.size()));
        row.put("type", p.pkgType());
        row.put("sourcepkg", p.sourceName() == null ? p.name() : p.sourceName());
        row.put("arch", p.arch());
        row.put("layer", p.layerDigest());
        row.put("purl", p.purl());
        row.put("cpes", p.cpes());
        return row;
    }

    /** npm, gem, python and the generic builder (go, binary, nuget, rust, composer) share one shape. */
    private static Map<String, Object> languageRecord(StoredPackage p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("package", p.name());
        row.put("type", p.pkgType().toUpperCase(Locale.ROOT));
        row.put("location", p.location());
        row.put("version", p.version());
        row.put("origin", p.origin() == null ? "N/A" : p.origin());
        String license = license(p);
        row.put("license", license);
        row.put("licenses", List.of(license.split("\\s+")));
        row.put("cpes", p.cpes());
        row.put("purl", p.purl());
        row.put("layer", p.layerDigest());
        return row;
    }

    /** Anchore's java record: the archive type as {@code type}, manifest and Maven versions, pom.properties. */
    private static Map<String, Object> javaRecord(StoredPackage p) {
        Map<String, String> metadata = p.metadata();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("package", p.name());
        row.put("type", metadata.getOrDefault("java-type", "JAVA-JAR"));
        row.put("location", p.location());
        row.put("specification-version", metadata.getOrDefault("specification-version", "N/A"));
        row.put("implementation-version", metadata.getOrDefault("implementation-version", "N/A"));
        row.put("maven-version", metadata.getOrDefault("maven-version", "N/A"));
        row.put("origin", p.origin() == null ? "N/A" : p.origin());
        row.put("version", p.version());
        row.put("cpes", p.cpes());
        row.put("purl", p.purl());
        row.put("layer", p.layerDigest());
        Map<String, String> pomProperties = new LinkedHashMap<>();
        metadata.forEach((key, value) -> {
            if (key.startsWith("pom.")) {
                pomProperties.put(key.substring("pom.".length()), value);
            }
        });
        row.put("metadata", pomProperties.isEmpty() ? Map.of() : Map.of("pom.properties", pomProperties));
        return row;
    }

    /** Anchore's files record: mode as a 5-digit octal string, {@code linkdest} for links. */
    static Map<String, Object> fileRecord(StoredFile f) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("filename", f.path());
        row.put("size", f.size());
        row.put("mode", String.format(Locale.ROOT, "%05o", f.mode()));
        row.put("sha256", f.sha256());
        row.put("type", f.fileType());
        row.put("uid", f.uid());
        row.put("gid", f.gid());
        row.put("linkdest", f.linkTarget());
        row.put("layer", f.layerDigest());
        return row;
    }

    private static String license(StoredPackage p) {
        return p.licenses() == null || p.licenses().isBlank() ? "Unknown" : p.licenses().trim();
    }
}
