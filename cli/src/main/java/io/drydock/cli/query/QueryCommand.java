package io.drydock.cli.query;

import io.drydock.cli.ApiCommand;
import io.drydock.cli.ExitCode;
import io.drydock.cli.Output;
import io.drydock.cli.Query;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * {@code query images-by-vulnerability|images-by-package|vulnerabilities} (Anchore §1.13): which of the account's
 * images hold a vulnerability or a package, and what the stored vulnerability records say.
 */
@Command(name = "query", description = "Search the account's images by vulnerability or package, and look up"
        + " vulnerability records.")
public class QueryCommand extends ApiCommand {

    @Command(name = "images-by-vulnerability", description = "The account's images affected by a vulnerability (a"
            + " CVE, or an advisory id such as a GHSA), one line per tag and package.")
    int imagesByVulnerability(
            @Option(names = "--vulnerability-id", required = true, paramLabel = "ID") String vulnerabilityId,
            @Option(names = "--namespace", paramLabel = "NAMESPACE", description = "Only matches from this feed group,"
                    + " e.g. debian:12.") String namespace,
            @Option(names = "--package", paramLabel = "NAME", description = "Only this affected package.") String pkg,
            @Option(names = "--severity", paramLabel = "SEVERITY", description = "Unknown, Negligible, Low, Medium,"
                    + " High or Critical.") String severity,
            @Option(names = "--vendor-only", paramLabel = "true|false", arity = "1", defaultValue = "true",
                    description = "Leave out what the vendor will not fix (default ${DEFAULT-VALUE}).") boolean vendorOnly) {
        JsonNode result = api().get("/query/images/by_vulnerability", Query.of().add("vulnerability_id", vulnerabilityId)
                .add("namespace", namespace).add("affected_package", pkg).add("severity", severity)
                .flag("vendor_only", vendorOnly));
        return printImages(result, "vulnerable_packages",
                List.of("Full Tag", "Severity", "Package", "Package Type", "Namespace", "Digest"),
                (tag, p) -> List.of(tag, Output.text(p.get("severity")), nameAndVersion(p), Output.text(p.get("type")),
                        Output.text(p.get("namespace"))));
    }

    @Command(name = "images-by-package", description = "The account's images holding a package, one line per tag"
            + " and version.")
    int imagesByPackage(
            @Option(names = "--name", required = true, paramLabel = "NAME") String name,
            @Option(names = "--version", paramLabel = "VERSION", description = "Only this version.") String version,
            @Option(names = "--package-type", paramLabel = "TYPE", description = "Only this type, e.g. dpkg, java,"
                    + " npm.") String packageType) {
        JsonNode result = api().get("/query/images/by_package", Query.of().add("name", name).add("version", version)
                .add("package_type", packageType));
        return printImages(result, "packages", List.of("Full Tag", "Package", "Package Type", "Digest"),
                (tag, p) -> List.of(tag, nameAndVersion(p), Output.text(p.get("type"))));
    }

    @Command(name = "vulnerabilities", description = "The stored records of vulnerabilities, by id or alias (a CVE"
            + " finds the advisories that alias it), one line per record and affected package.")
    int vulnerabilities(
            @Parameters(paramLabel = "ID", arity = "1..*") List<String> ids,
            @Option(names = "--namespace", paramLabel = "NAMESPACE", description = "Only records of this feed group"
                    + " (repeatable).") List<String> namespaces,
            @Option(names = "--package", paramLabel = "NAME", description = "Only records affecting this package.") String pkg,
            @Option(names = "--package-version", paramLabel = "VERSION", description = "Only records affecting this"
                    + " version of --package.") String packageVersion) {
        Query query = Query.of();
        ids.forEach(id -> query.add("id", id));
        if (namespaces != null) {
            namespaces.forEach(n -> query.add("namespace", n));
        }
        JsonNode result = api().get("/query/vulnerabilities", query.add("affected_package", pkg)
                .add("affected_package_version", packageVersion));
        if (output().jsonMode()) {
            output().json(result);
            return ExitCode.OK.code();
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode record : result.path("vulnerabilities")) {
            for (JsonNode p : record.path("affected_packages")) {
                rows.add(List.of(Output.text(record.get("id")), Output.text(record.get("namespace")),
                        Output.text(record.get("severity")), Output.text(p.get("name")), Output.text(p.get("version")),
                        Output.text(record.get("link"))));
            }
        }
        output().table(List.of("Vulnerability ID", "Namespace", "Severity", "Package", "Fixed In", "Link"), rows);
        return ExitCode.OK.code();
    }

    /** One line per tag and package: the cells {@code row} gives, then the image digest. */
    private int printImages(JsonNode result, String packagesKey, List<String> headers,
                            BiFunction<String, JsonNode, List<String>> row) {
        if (output().jsonMode()) {
            output().json(result);
            return ExitCode.OK.code();
        }
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode entry : result.path("images")) {
            String digest = entry.path("image").path("imageDigest").asString();
            for (String tag : tags(entry.path("image"))) {
                for (JsonNode p : entry.path(packagesKey)) {
                    List<String> cells = new ArrayList<>(row.apply(tag, p));
                    cells.add(digest);
                    rows.add(cells);
                }
            }
        }
        output().table(headers, rows);
        return ExitCode.OK.code();
    }

    private static String nameAndVersion(JsonNode p) {
        return p.path("name").asString() + "-" + p.path("version").asString();
    }

    /** The image's tags, or N/A when it has none. */
    private static List<String> tags(JsonNode image) {
        List<String> tags = new ArrayList<>();
        image.path("tag_history").forEach(t -> tags.add(t.path("fulltag").asString()));
        return tags.isEmpty() ? List.of("N/A") : tags;
    }
}
