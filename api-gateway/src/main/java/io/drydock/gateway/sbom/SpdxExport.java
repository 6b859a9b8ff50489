package io.drydock.gateway.sbom;

import io.drydock.gateway.system.SystemController;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * An image as an SPDX 2.3 JSON document, written field by field from the specification (no Java SPDX writer is
 * light enough, ADR 21): the document DESCRIBES the image package, which CONTAINS every package and the
 * distribution. Licenses go to {@code licenseDeclared} as an SPDX expression; names the SPDX list does not have
 * become {@code LicenseRef-} ids with their text in {@code hasExtractedLicensingInfos}. Nothing is concluded
 * ({@code licenseConcluded}, {@code downloadLocation}, {@code copyrightText}: NOASSERTION), no file is listed
 * ({@code filesAnalyzed: false}).
 */
final class SpdxExport {

    static final String MEDIA_TYPE = "application/spdx+json";
    static final String NOASSERTION = "NOASSERTION";
    /** Names no web site: the namespace only has to be a unique URI (SPDX 2.3 §6.5), never fetched. */
    static final String NAMESPACE_BASE = "https://drydock.invalid/spdx/images/";
    static final String IMAGE_ID = "SPDXRef-Image";
    private static final DateTimeFormatter CREATED = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private SpdxExport() {
    }

    static Map<String, Object> document(ImageSbom sbom) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("spdxVersion", "SPDX-2.3");
        document.put("dataLicense", "CC0-1.0");
        document.put("SPDXID", "SPDXRef-DOCUMENT");
        document.put("name", sbom.name());
        document.put("documentNamespace", NAMESPACE_BASE + idString(sbom.image().digest()) + "-" + UUID.randomUUID());
        Map<String, Object> creationInfo = new LinkedHashMap<>();
        creationInfo.put("created", CREATED.format(sbom.created().truncatedTo(ChronoUnit.SECONDS)));
        creationInfo.put("creators", List.of("Tool: drydock-" + SystemController.DRYDOCK_VERSION));
        document.put("creationInfo", creationInfo);

        List<Map<String, Object>> packages = new ArrayList<>();
        List<Map<String, Object>> relationships = new ArrayList<>();
        relationships.add(relationship("SPDXRef-DOCUMENT", "DESCRIBES", IMAGE_ID));
        packages.add(image(sbom));
        sbom.distro().ifPresent(distro -> {
            String id = "SPDXRef-OperatingSystem-" + idString(distro.name() + "-" + distro.version());
            Map<String, Object> os = spdxPackage(id, distro.name(), distro.version());
            os.put("primaryPackagePurpose", "OPERATING-SYSTEM");
            noLicense(os);
            packages.add(os);
            relationships.add(relationship(IMAGE_ID, "CONTAINS", id));
        });
        Map<String, String> extracted = new LinkedHashMap<>();
        Set<String> usedIds = new HashSet<>();
        List<StoredPackage> stored = sbom.packages();
        for (int i = 0; i < stored.size(); i++) {
            StoredPackage p = stored.get(i);
            String id = uniqueId("SPDXRef-Package-" + idString(p.pkgType() + "-" + p.name() + "-" + p.version()),
                    i, usedIds);
            packages.add(spdxPackage(p, id, extracted));
            relationships.add(relationship(IMAGE_ID, "CONTAINS", id));
        }
        if (!extracted.isEmpty()) {
            List<Map<String, Object>> infos = new ArrayList<>();
            extracted.forEach((licenseId, text) -> {
                Map<String, Object> info = new LinkedHashMap<>();
                info.put("licenseId", licenseId);
                info.put("extractedText", text);
                info.put("name", text);
                infos.add(info);
            });
            document.put("hasExtractedLicensingInfos", infos);
        }
        document.put("packages", packages);
        document.put("relationships", relationships);
        return document;
    }

    /**
     * The id, or with the package's index appended when another package took it (one package installed in two
     * places, or two names that differ only in characters an idstring cannot hold).
     */
    private static String uniqueId(String id, int index, Set<String> used) {
        String candidate = id;
        for (int n = 0; !used.add(candidate); n++) {
            candidate = id + "-" + index + (n == 0 ? "" : "-" + n);
        }
        return candidate;
    }

    private static Map<String, Object> image(ImageSbom sbom) {
        Map<String, Object> image = spdxPackage(IMAGE_ID, sbom.name(), sbom.image().digest());
        image.put("primaryPackagePurpose", "CONTAINER");
        noLicense(image);
        List<Map<String, Object>> refs = new ArrayList<>();
        sbom.purl().ifPresent(purl -> refs.add(externalRef("PACKAGE-MANAGER", "purl", purl)));
        if (!refs.isEmpty()) {
            image.put("externalRefs", refs);
        }
        return image;
    }

    private static Map<String, Object> spdxPackage(StoredPackage p, String id, Map<String, String> extracted) {
        Map<String, Object> pkg = spdxPackage(id, p.name(), p.version());
        pkg.put("primaryPackagePurpose", "binary".equals(p.pkgType()) ? "APPLICATION" : "LIBRARY");
        pkg.put("licenseConcluded", NOASSERTION);
        pkg.put("licenseDeclared", declared(PackageLicense.of(p.licenses()), extracted));
        pkg.put("copyrightText", NOASSERTION);
        List<String> source = new ArrayList<>();
        if (p.location() != null) {
            source.add("found at " + p.location());
        }
        if (p.layerDigest() != null) {
            source.add("in layer " + p.layerDigest());
        }
        if (p.sourceName() != null) {
            source.add("built from source package " + p.sourceName()
                    + (p.sourceVersion() == null ? "" : " " + p.sourceVersion()));
        }
        if (!source.isEmpty()) {
            pkg.put("sourceInfo", p.pkgType() + " package " + String.join(", ", source));
        }
        List<Map<String, Object>> refs = new ArrayList<>();
        if (p.purl() != null) {
            refs.add(externalRef("PACKAGE-MANAGER", "purl", p.purl()));
        }
        for (String cpe : p.cpes()) {
            refs.add(externalRef("SECURITY", cpe.startsWith("cpe:2.3:") ? "cpe23Type" : "cpe22Type", cpe));
        }
        if (!refs.isEmpty()) {
            pkg.put("externalRefs", refs);
        }
        return pkg;
    }

    private static Map<String, Object> spdxPackage(String id, String name, String version) {
        Map<String, Object> pkg = new LinkedHashMap<>();
        pkg.put("SPDXID", id);
        pkg.put("name", name);
        if (version != null && !version.isBlank()) {
            pkg.put("versionInfo", version);
        }
        pkg.put("downloadLocation", NOASSERTION);
        pkg.put("filesAnalyzed", false);
        return pkg;
    }

    private static void noLicense(Map<String, Object> pkg) {
        pkg.put("licenseConcluded", NOASSERTION);
        pkg.put("licenseDeclared", NOASSERTION);
        pkg.put("copyrightText", NOASSERTION);
    }

    /**
     * The declared license as an SPDX expression: an expression as it is; a list joined with AND (each license
     * found applies to some of the package); NOASSERTION for none. A name outside the SPDX list becomes
     * {@code LicenseRef-<name made an idstring>}, recorded in {@code extracted} with the name as its text.
     */
    static String declared(PackageLicense license, Map<String, String> extracted) {
        if (license.expression() != null) {
            return license.expression();
        }
        if (license.licenses().isEmpty()) {
            return NOASSERTION;
        }
        List<String> parts = new ArrayList<>();
        for (PackageLicense.License l : license.licenses()) {
            if (l.id() != null) {
                parts.add(l.id());
                continue;
            }
            String ref = "LicenseRef-" + idString(l.name());
            // Two names that differ only in characters an idstring cannot hold must not share one ref.
            String known = extracted.putIfAbsent(ref, l.name());
            if (known != null && !known.equals(l.name())) {
                int n = 2;
                while (extracted.containsKey(ref + "-" + n) && !extracted.get(ref + "-" + n).equals(l.name())) {
                    n++;
                }
                ref = ref + "-" + n;
                extracted.putIfAbsent(ref, l.name());
            }
            parts.add(ref);
        }
        return parts.size() == 1 ? parts.getFirst() : String.join(" AND ", parts);
    }

    /** SPDX's idstring: letters, digits, {@code .} and {@code -}; anything else becomes {@code -}. */
    static String idString(String value) {
        String id = value.replaceAll("[^A-Za-z0-9.-]", "-");
        return id.isEmpty() ? "-" : id;
    }

    private static Map<String, Object> relationship(String from, String type, String to) {
        Map<String, Object> relationship = new LinkedHashMap<>();
        relationship.put("spdxElementId", from);
        relationship.put("relationshipType", type);
        relationship.put("relatedSpdxElement", to);
        return relationship;
    }

    private static Map<String, Object> externalRef(String category, String type, String locator) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("referenceCategory", category);
        ref.put("referenceType", type);
        ref.put("referenceLocator", locator);
        return ref;
    }
}
