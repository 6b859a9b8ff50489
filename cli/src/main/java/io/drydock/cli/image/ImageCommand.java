package io.drydock.cli.image;

import io.drydock.cli.ApiCommand;
import io.drydock.cli.CliException;
import io.drydock.cli.ExitCode;
import io.drydock.cli.Output;
import io.drydock.cli.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** {@code image add|wait|get|list|content|metadata|sbom|vuln|del} (Anchore §1.3–§1.5; archives: ADR 14). */
@Command(name = "image", description = "Add images, wait for their analysis, read and delete them.")
public class ImageCommand extends ApiCommand {

    private static final List<String> LANGUAGE_TYPES = List.of("npm", "gem", "python", "binary", "go", "nuget", "rust",
            "composer");

    private static final List<String> VULNERABILITY_TYPES = List.of("os", "non-os", "all");

    private static final List<String> SBOM_FORMATS = List.of("cyclonedx-json", "spdx-json", "native");

    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+/[a-z0-9_]+(/[a-z0-9]+)?");

    @Command(name = "add", description = {"Add an image for analysis.",
            "IMAGE is a registry reference (registry.example.com/team/app:1.4), docker-archive:PATH (a 'docker save'"
                    + " tar), oci-archive:PATH, or oci-dir:PATH (an OCI image layout directory, checked and packed"
                    + " into an oci-archive here)."})
    int add(@Parameters(paramLabel = "IMAGE") String image,
            @Option(names = "--force", description = "Analyse again even when already analysed.") boolean force,
            @Option(names = "--noautosubscribe", description = "Do not subscribe to the tag's updates.") boolean noAutosubscribe,
            @Option(names = "--dockerfile", paramLabel = "FILE", description = "The Dockerfile the image was built from (registry images).") Path dockerfile,
            @Option(names = "--annotation", paramLabel = "KEY=VALUE", description = "An annotation to record (registry images; repeatable).") Map<String, String> annotations,
            @Option(names = "--platform", paramLabel = "OS/ARCH[/VARIANT]", description = "Which image of a multi-platform index (default linux/amd64).") String platform,
            @Option(names = "--name", paramLabel = "TAG", description = "The tag to record an uploaded image under (archives and oci-dir; default: the archive's own name).") String name)
            throws IOException {
        ImageSource source = ImageSource.parse(image);
        if (platform != null && !PLATFORM.matcher(platform).matches()) {
            throw new CliException("--platform '" + platform + "' is not os/arch[/variant], e.g. linux/arm64/v8");
        }
        JsonNode added = switch (source) {
            case ImageSource.Registry registry -> {
                if (name != null) {
                    throw new CliException("--name names an uploaded image; a registry image is recorded under its"
                            + " reference " + registry.reference());
                }
                yield addFromRegistry(registry, force, !noAutosubscribe, dockerfile, annotations, platform);
            }
            case ImageSource.Archive archive -> {
                requireRegistryOnlyOptionsAbsent(dockerfile, annotations);
                if (!Files.isRegularFile(archive.path())) {
                    throw new CliException(archive.format().label() + ":" + archive.path() + " is not a file");
                }
                yield upload(archive.path(), archive.format(), name, platform, force, !noAutosubscribe);
            }
            case ImageSource.OciDirectory directory -> {
                requireRegistryOnlyOptionsAbsent(dockerfile, annotations);
                yield addFromLayout(directory.path(), name, platform, force, !noAutosubscribe);
            }
        };
        ImageView.print(output(), added);
        return ExitCode.OK.code();
    }

    private JsonNode addFromRegistry(ImageSource.Registry registry, boolean force, boolean autosubscribe,
                                     Path dockerfile, Map<String, String> annotations, String platform)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("tag", registry.reference());
        if (dockerfile != null) {
            if (!Files.isRegularFile(dockerfile)) {
                throw new CliException("--dockerfile " + dockerfile + " is not a file");
            }
            body.put("dockerfile", Base64.getEncoder().encodeToString(Files.readAllBytes(dockerfile)));
        }
        if (annotations != null && !annotations.isEmpty()) {
            body.put("annotations", annotations);
        }
        Query query = Query.of().flag("autosubscribe", autosubscribe).add("platform", platform);
        if (force) {
            query.flag("force", true);
        }
        return api().post("/images", query, body);
    }

    private JsonNode addFromLayout(Path directory, String name, String platform, boolean force, boolean autosubscribe)
            throws IOException {
        OciLayout layout = OciLayout.open(directory, cli().mapper());
        Path tar = Files.createTempFile(cli().temporaryDirectory(), "drydock-oci-dir-", ".tar");
        // Also on Ctrl-C (shutdown hooks run); the finally below is what normally removes it.
        tar.toFile().deleteOnExit();
        try {
            Files.delete(tar);
            layout.packTo(tar);
            output().note("Packed oci-dir:" + directory + " (" + layout.files().size() + " files, " + Files.size(tar)
                    + " bytes); uploading");
            return upload(tar, ImageSource.ArchiveFormat.OCI_ARCHIVE, name, platform, force, autosubscribe);
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    private JsonNode upload(Path archive, ImageSource.ArchiveFormat format, String name, String platform, boolean force,
                            boolean autosubscribe) {
        return api().upload("/images/archive", Query.of().add("tag", name).add("format", format.label())
                .add("platform", platform).flag("force", force).flag("autosubscribe", autosubscribe),
                "archive_file", archive);
    }

    private static void requireRegistryOnlyOptionsAbsent(Path dockerfile, Map<String, String> annotations) {
        if (dockerfile != null || (annotations != null && !annotations.isEmpty())) {
            throw new CliException("--dockerfile and --annotation apply to registry images only; an uploaded archive"
                    + " is recorded as it is");
        }
    }

    @Command(name = "wait", description = "Wait until the image is analysed (exit 0) or its analysis failed (exit 1).")
    int await(@Parameters(paramLabel = "IMAGE", description = "Digest (sha256:…) or tag.") String image,
              @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
                      description = "Give up after this long, exit code 3 (default ${DEFAULT-VALUE}; 0: no limit).") long timeout,
              @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5",
                      description = "Time between checks (default ${DEFAULT-VALUE}).") long interval)
            throws InterruptedException {
        if (timeout < 0 || interval < 1) {
            throw new CliException("--timeout must be 0 or more and --interval 1 or more (seconds)");
        }
        String digest = ImageLookup.resolve(api(), image).digest();
        Instant deadline = timeout == 0 ? Instant.MAX : cli().clock().instant().plusSeconds(timeout);
        while (true) {
            JsonNode images = api().get("/images/" + digest, Query.of());
            JsonNode record = images.path(0);
            String status = record.path("analysis_status").asString();
            ExitCode outcome = ExitCode.ofAnalysisStatus(status);
            if (outcome != null) {
                ImageView.print(output(), images);
                if (outcome == ExitCode.FAILED) {
                    output().note("Error: the analysis of " + digest + " failed: "
                            + record.path("analysis_failure_reason").asString("no reason recorded"));
                }
                return outcome.code();
            }
            if (!cli().clock().instant().plusSeconds(interval).isBefore(deadline)) {
                output().note("Error: " + digest + " is still " + status + " after " + timeout + " s (--timeout)");
                return ExitCode.TIMED_OUT.code();
            }
            output().note("Status: " + status + "; checking again in " + interval + " s");
            Thread.sleep(Duration.ofSeconds(interval));
        }
    }

    @Command(name = "get", description = "Show an image.")
    int get(@Parameters(paramLabel = "IMAGE", description = "Digest (sha256:…) or tag.") String image) {
        ImageLookup found = ImageLookup.resolve(api(), image);
        ImageView.print(output(), api().get("/images/" + found.digest(), Query.of()));
        return ExitCode.OK.code();
    }

    @Command(name = "list", description = "List the account's images, one line per tag.")
    int list() {
        JsonNode images = api().get("/images", Query.of());
        if (output().jsonMode()) {
            output().json(images);
            return ExitCode.OK.code();
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode image : images) {
            for (JsonNode detail : image.path("image_detail")) {
                rows.add(List.of(Output.text(detail.get("fulltag")), Output.text(image.get("imageDigest")),
                        Output.text(image.get("analysis_status"))));
            }
        }
        output().table(List.of("Full Tag", "Image Digest", "Analysis Status"), rows);
        return ExitCode.OK.code();
    }

    @Command(name = "content", description = "The image's content of one type (e.g. os), or the types there are.")
    int content(@Parameters(index = "0", paramLabel = "IMAGE", description = "Digest (sha256:…) or tag.") String image,
                @Parameters(index = "1", paramLabel = "TYPE", arity = "0..1") String type) {
        String digest = ImageLookup.resolve(api(), image).digest();
        if (type == null) {
            return listTypes("/images/" + digest + "/content");
        }
        JsonNode content = api().get("/images/" + digest + "/content/" + Query.pathSegment(type, false), Query.of());
        if (output().jsonMode()) {
            output().json(content);
            return ExitCode.OK.code();
        }
        JsonNode rows = content.path("content");
        if ("os".equals(type)) {
            output().table(Output.columns("Package", "/package", "Version", "/version", "Size", "/size",
                    "Type", "/type", "Origin", "/origin"), rows);
        } else if ("files".equals(type)) {
            output().table(Output.columns("Filename", "/filename", "Size", "/size", "Mode", "/mode", "Type", "/type"),
                    rows);
        } else if ("java".equals(type)) {
            output().table(Output.columns("Package", "/package", "Specification-Version", "/specification-version",
                    "Implementation-Version", "/implementation-version", "Location", "/location"), rows);
        } else if (LANGUAGE_TYPES.contains(type)) {
            output().table(Output.columns("Package", "/package", "Version", "/version", "Location", "/location"), rows);
        } else {
            List<String> keys = new ArrayList<>();
            if (!rows.isEmpty() && rows.get(0).isObject()) {
                keys.addAll(rows.get(0).propertyNames());
            }
            Object[] columns = keys.stream().flatMap(k -> java.util.stream.Stream.of(k, "/" + k)).toArray();
            output().table(Output.columns(columns), rows);
        }
        return ExitCode.OK.code();
    }

    @Command(name = "metadata", description = "The image's manifest, docker_history or dockerfile, or the types there are.")
    int metadata(@Parameters(index = "0", paramLabel = "IMAGE", description = "Digest (sha256:…) or tag.") String image,
                 @Parameters(index = "1", paramLabel = "TYPE", arity = "0..1") String type) {
        String digest = ImageLookup.resolve(api(), image).digest();
        if (type == null) {
            return listTypes("/images/" + digest + "/metadata");
        }
        JsonNode metadata = api().get("/images/" + digest + "/metadata/" + Query.pathSegment(type, false), Query.of());
        if (output().jsonMode()) {
            output().json(metadata);
        } else {
            // The API sends it base64-encoded (Anchore's shape); people want to read it.
            output().line(new String(Base64.getDecoder().decode(metadata.path("metadata").asString("")),
                    StandardCharsets.UTF_8));
        }
        return ExitCode.OK.code();
    }

    @Command(name = "sbom", description = {"Export the image's SBOM: CycloneDX 1.6 JSON, SPDX 2.3 JSON, or Drydock's"
            + " native document (the stored analysis with its packages).",
            "Written to stdout, or to --output FILE. The native document comes gzip-compressed: --output keeps those"
                    + " bytes (FILE is a .json.gzip), stdout gets the JSON decompressed."})
    int sbom(@Parameters(paramLabel = "IMAGE", description = "Digest (sha256:…) or tag.") String image,
             @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "cyclonedx-json",
                     description = "cyclonedx-json (default), spdx-json or native.") String format,
             @Option(names = "--output", paramLabel = "FILE", description = "Write to FILE instead of stdout.") Path file)
            throws IOException {
        if (!SBOM_FORMATS.contains(format)) {
            throw new CliException("--format must be one of " + String.join(", ", SBOM_FORMATS) + ", not '" + format
                    + "'");
        }
        String digest = ImageLookup.resolve(api(), image).digest();
        byte[] body = api().download("/images/" + digest + "/sboms/" + format, Query.of());
        if (file != null) {
            Files.write(file, body);
            output().note("Wrote the " + format + " SBOM of " + digest + " to " + file + " (" + body.length
                    + " bytes)");
            return ExitCode.OK.code();
        }
        try (InputStream in = "native".equals(format) ? new GZIPInputStream(new ByteArrayInputStream(body))
                : new ByteArrayInputStream(body);
             Reader text = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            output().copy(text);
        } catch (ZipException e) {
            throw new CliException("the native SBOM of " + digest + " is not gzip data: " + e.getMessage());
        }
        return ExitCode.OK.code();
    }

    @Command(name = "vuln", description = {"The image's vulnerabilities of one type (os, non-os or all), or the"
            + " types there are.",
            "Sorted by severity. Exit code 2 while the image has not been matched yet (no results is not 'no"
                    + " vulnerabilities'); namespaces without vulnerability data are named on stderr."})
    int vuln(@Parameters(index = "0", paramLabel = "IMAGE", description = "Digest (sha256:…) or tag.") String image,
             @Parameters(index = "1", paramLabel = "TYPE", arity = "0..1", description = "os, non-os or all.") String type,
             @Option(names = "--vendor-only", paramLabel = "true|false", arity = "1", defaultValue = "true",
                     description = "Leave out what the vendor will not fix (default ${DEFAULT-VALUE}).") boolean vendorOnly) {
        String digest = ImageLookup.resolve(api(), image).digest();
        if (type == null) {
            return listTypes("/images/" + digest + "/vuln");
        }
        if (!VULNERABILITY_TYPES.contains(type)) {
            throw new CliException("TYPE must be one of " + String.join(", ", VULNERABILITY_TYPES) + ", not '" + type
                    + "'");
        }
        JsonNode report = api().get("/images/" + digest + "/vuln/" + type, Query.of().flag("vendor_only", vendorOnly));
        if (output().jsonMode()) {
            output().json(report);
        } else if (report.hasNonNull("matched_at") || report.path("vulnerabilities").size() > 0) {
            VulnerabilityTable.print(output(), report.path("vulnerabilities"));
        }
        for (JsonNode namespace : report.path("namespaces")) {
            if (!namespace.path("data_present").asBoolean(true)) {
                output().note("Warning: there is no vulnerability data for " + namespace.path("namespace").asString()
                        + " (feed " + Output.text(namespace.get("feed")) + "); the image's packages in it were not"
                        + " checked");
            }
        }
        if (report.path("matched_at").isNull() || report.path("matched_at").isMissingNode()) {
            throw new CliException("the vulnerabilities of " + digest + " are not known yet: the image has not been"
                    + " matched against the vulnerability data (this is not 'no vulnerabilities'); try again shortly");
        }
        return ExitCode.OK.code();
    }

    /** The types an image endpoint offers, one per line. */
    private int listTypes(String path) {
        JsonNode types = api().get(path, Query.of());
        if (output().jsonMode()) {
            output().json(types);
        } else {
            types.forEach(t -> output().line(t.asString()));
        }
        return ExitCode.OK.code();
    }

    @Command(name = "del", description = "Delete an image.")
    int delete(@Parameters(paramLabel = "IMAGE", description = "Digest (sha256:…) or tag.") String image,
               @Option(names = "--force", description = "Delete even when it is still being analysed.") boolean force) {
        String digest = ImageLookup.resolve(api(), image).digest();
        Query query = Query.of();
        if (force) {
            query.flag("force", true);
        }
        JsonNode result = api().delete("/images/" + digest, query);
        String status = result.path("status").asString();
        if (output().jsonMode()) {
            output().json(result);
        } else {
            output().line(digest + ": " + status);
        }
        if (!"deleting".equals(status)) {
            throw new CliException("the image was not deleted (" + status + "): "
                    + Output.text(result.get("detail")));
        }
        return ExitCode.OK.code();
    }
}
