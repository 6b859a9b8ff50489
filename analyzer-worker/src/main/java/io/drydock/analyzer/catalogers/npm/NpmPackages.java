package io.drydock.analyzer.catalogers.npm;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import io.drydock.analyzer.catalogers.LanguageCpes;
import io.drydock.analyzer.catalogers.PackageUrl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the npm catalogers share: the bounded JSON reader, name checks, licenses, authors and the package URL. */
final class NpmPackages {

    /**
     * Bounds what a hostile manifest can make the parser build. Real lock files nest a few dozen levels; 200 keeps
     * Jackson far from a deep stack. Strings may be as long as a whole manifest: npm before version 5 copied the
     * README into the installed package.json.
     */
    static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(200)
                            .maxStringLength(4 * 1024 * 1024)
                            .maxNameLength(64 * 1024)
                            .maxNumberLength(100)
                            .build())
                    .build())
            .build();

    /** npm's own limit. */
    private static final int MAX_NAME_LENGTH = 214;
    private static final int MAX_VERSION_LENGTH = 256;
    private static final int MAX_LICENSES = 32;
    /** A name as npm accepts it, old mixed-case names included: an optional {@code @scope/} and no spaces. */
    private static final Pattern NAME = Pattern.compile("(@[^/@\\s]+/)?[^/@\\s][^/\\s]*");

    private NpmPackages() {
    }

    static boolean validName(String name) {
        return name != null && name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
    }

    static boolean validVersion(String version) {
        return version != null && !version.isBlank() && version.length() <= MAX_VERSION_LENGTH
                && version.chars().noneMatch(Character::isWhitespace);
    }

    /** {@code pkg:npm/%40babel/code-frame@7.0.0}: the scope is the namespace, its {@code @} percent-encoded. */
    static String purl(String name, String version) {
        int slash = name.indexOf('/');
        if (name.startsWith("@") && slash > 0) {
            return PackageUrl.builder("npm", name.substring(slash + 1))
                    .namespace(name.substring(0, slash))
                    .version(version)
                    .build();
        }
        return PackageUrl.builder("npm", name).version(version).build();
    }

    static PackageRecord record(String name, String version, List<String> licenses, String origin, String location,
                                Map<String, String> metadata) {
        return PackageRecord.language(PackageTypes.NPM, name, version, licenses, origin, location,
                purl(name, version), cpes(name, version), List.of(), metadata);
    }

    /**
     * As syft: the package name as vendor (also {@code <name>_project}) and product, a scoped package's scope as a
     * further vendor, {@code node.js} as the target software.
     */
    static List<String> cpes(String name, String version) {
        int slash = name.indexOf('/');
        String product = name.startsWith("@") && slash > 0 ? name.substring(slash + 1) : name;
        List<String> vendors = new ArrayList<>(List.of(product, product + "_project"));
        if (name.startsWith("@") && slash > 1) {
            vendors.add(name.substring(1, slash));
        }
        return LanguageCpes.of(vendors, List.of(product), version, "node.js");
    }

    /**
     * Licenses in every form npm has accepted: an SPDX expression string ({@code "MIT"}, {@code "(MIT OR Apache-2.0)"}),
     * the old {@code {"type": "MIT", "url": …}} object, and the older {@code licenses} array of strings or such objects.
     */
    static List<String> licenses(JsonNode manifest) {
        Set<String> found = new LinkedHashSet<>();
        addLicense(manifest.path("license"), found);
        JsonNode list = manifest.path("licenses");
        if (list.isArray()) {
            for (JsonNode license : list.values()) {
                addLicense(license, found);
            }
        } else {
            addLicense(list, found);
        }
        return new ArrayList<>(found);
    }

    private static void addLicense(JsonNode license, Set<String> found) {
        String value = license.isString() ? license.stringValue()
                : license.isObject() && license.path("type").isString() ? license.path("type").stringValue() : null;
        if (value != null && !value.isBlank() && found.size() < MAX_LICENSES) {
            found.add(value.strip());
        }
    }

    /** {@code "Name <mail> (url)"} as written, or the object form's name, email and url joined the same way. */
    static String author(JsonNode manifest) {
        JsonNode author = manifest.path("author");
        if (author.isString()) {
            return author.stringValue().isBlank() ? null : author.stringValue().strip();
        }
        if (!author.isObject()) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        String name = text(author.path("name"));
        String email = text(author.path("email"));
        String url = text(author.path("url"));
        if (name != null) {
            out.append(name);
        }
        if (email != null) {
            out.append(out.isEmpty() ? "" : " ").append('<').append(email).append('>');
        }
        if (url != null) {
            out.append(out.isEmpty() ? "" : " ").append('(').append(url).append(')');
        }
        return out.isEmpty() ? null : out.toString();
    }

    static String text(JsonNode node) {
        return node.isString() && !node.stringValue().isBlank() ? node.stringValue() : null;
    }
}
