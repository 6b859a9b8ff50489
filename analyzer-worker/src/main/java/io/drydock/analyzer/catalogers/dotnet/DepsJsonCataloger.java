package io.drydock.analyzer.catalogers.dotnet;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import io.drydock.analyzer.catalogers.BoundedJson;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.LanguageCpes;
import io.drydock.analyzer.catalogers.PackageUrl;
import io.drydock.analyzer.catalogers.ScannedFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * NuGet packages a .NET application was built against, from the {@code <app>.deps.json} the SDK writes beside it:
 * the {@code libraries} of type {@code package}, keyed {@code <name>/<version>}, with their {@code sha512} and
 * package {@code path}. Projects and framework references are the application itself and are left out. See
 * https://github.com/dotnet/sdk/blob/main/documentation/specs/runtime-configuration-file.md.
 */
public final class DepsJsonCataloger implements FileCataloger {

    static final String SUFFIX = ".deps.json";
    /** Large applications' files are a few MiB. */
    static final int MAX_BYTES = 32 * 1024 * 1024;
    static final int MAX_PACKAGES = 50_000;

    /** NuGet package ids: letters, digits, {@code .}, {@code _}, {@code -}, at most 100 characters. */
    private static final Pattern PACKAGE_ID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern VERSION = Pattern.compile("[A-Za-z0-9_.+-]{1,128}");

    @Override
    public boolean wants(String path, long size, byte[] head) {
        return size <= MAX_BYTES && path.endsWith(SUFFIX) && path.length() > SUFFIX.length();
    }

    @Override
    public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
        JsonNode root = BoundedJson.read(file.readAtMost(MAX_BYTES), file.path());
        JsonNode libraries = root.path("libraries");
        if (!libraries.isObject()) {
            throw new IOException("no libraries object");
        }
        List<PackageRecord> packages = new ArrayList<>();
        for (Map.Entry<String, JsonNode> library : libraries.properties()) {
            if (packages.size() >= MAX_PACKAGES) {
                break;
            }
            JsonNode details = library.getValue();
            int slash = library.getKey().indexOf('/');
            if (!"package".equals(BoundedJson.text(details.path("type"))) || slash < 0) {
                continue;
            }
            String name = library.getKey().substring(0, slash);
            String version = library.getKey().substring(slash + 1);
            if (!PACKAGE_ID.matcher(name).matches() || !VERSION.matcher(version).matches()) {
                continue;
            }
            Map<String, String> metadata = new LinkedHashMap<>();
            BoundedJson.putText(metadata, "nuget.sha512", details.path("sha512"));
            BoundedJson.putText(metadata, "nuget.path", details.path("path"));
            BoundedJson.putText(metadata, "nuget.hash-path", details.path("hashPath"));
            packages.add(PackageRecord.language(PackageTypes.NUGET, name, version, List.of(), null, file.path(),
                    PackageUrl.builder("nuget", name).version(version).build(), cpes(name, version), List.of(),
                    metadata));
        }
        return packages;
    }

    /** The package id, and its first dotted segment as vendor ({@code Microsoft.Data.SqlClient}: microsoft). */
    static List<String> cpes(String name, String version) {
        LinkedHashSet<String> vendors = new LinkedHashSet<>();
        vendors.add(name.toLowerCase(Locale.ROOT));
        int dot = name.indexOf('.');
        if (dot > 0) {
            vendors.add(name.substring(0, dot).toLowerCase(Locale.ROOT));
        }
        return LanguageCpes.of(List.copyOf(vendors), List.of(name), version, null);
    }
}
