package io.drydock.gateway.sbom;

import io.drydock.gateway.system.SystemController;
import io.drydock.platform.analysis.StoredAnalysis.StoredPackage;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.license.Expression;
import org.cyclonedx.model.metadata.ToolInformation;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * An image as a CycloneDX 1.6 BOM, built and written by cyclonedx-core-java: the image is
 * {@code metadata.component} (a container), every package a component, the distribution an operating-system
 * component, and the image depends on all of them. Drydock's own facts go in {@code drydock:} properties. Files are
 * not listed (ADR 21).
 */
final class CycloneDxExport {

    static final Version VERSION = Version.VERSION_16;
    static final String MEDIA_TYPE = "application/vnd.cyclonedx+json;version=1.6";
    static final String IMAGE_REF = "image";

    private CycloneDxExport() {
    }

    static String write(ImageSbom sbom) {
        try {
            return BomGeneratorFactory.createJson(VERSION, bom(sbom)).toJsonString();
        } catch (GeneratorException e) {
            throw new IllegalStateException("writing the CycloneDX BOM of " + sbom.image().digest() + " failed", e);
        }
    }

    static Bom bom(ImageSbom sbom) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        bom.setVersion(1);
        Metadata metadata = new Metadata();
        metadata.setTimestamp(Date.from(sbom.created()));
        Component tool = new Component();
        tool.setType(Component.Type.APPLICATION);
        tool.setName("drydock");
        tool.setVersion(SystemController.DRYDOCK_VERSION);
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(tool));
        metadata.setToolChoice(tools);
        metadata.setComponent(image(sbom));
        bom.setMetadata(metadata);

        List<Component> components = new ArrayList<>();
        Dependency image = new Dependency(IMAGE_REF);
        sbom.distro().ifPresent(distro -> {
            Component os = new Component();
            os.setType(Component.Type.OPERATING_SYSTEM);
            os.setBomRef("os:" + distro.name() + "@" + distro.version());
            os.setName(distro.name());
            os.setVersion(distro.version());
            if (distro.like() != null && !distro.like().equals(distro.name())) {
                os.addProperty(new Property("drydock:distro:like", distro.like()));
            }
            components.add(os);
            image.addDependency(new Dependency(os.getBomRef()));
        });
        List<StoredPackage> packages = sbom.packages();
        for (int i = 0; i < packages.size(); i++) {
            Component component = component(packages.get(i), "pkg:" + i);
            components.add(component);
            image.addDependency(new Dependency(component.getBomRef()));
        }
        bom.setComponents(components);
        bom.setDependencies(new ArrayList<>(List.of(image)));
        return bom;
    }

    private static Component image(ImageSbom sbom) {
        Component image = new Component();
        image.setType(Component.Type.CONTAINER);
        image.setBomRef(IMAGE_REF);
        image.setName(sbom.name());
        image.setVersion(sbom.image().digest());
        sbom.purl().ifPresent(image::setPurl);
        addProperty(image, "drydock:image:id", sbom.analysis().imageId());
        addProperty(image, "drydock:image:arch", sbom.analysis().arch());
        addProperty(image, "drydock:image:os", sbom.analysis().os());
        for (var tag : sbom.image().tags()) {
            image.addProperty(new Property("drydock:image:tag", tag.fulltag()));
        }
        return image;
    }

    /** {@code ref} is unique in the BOM: purls repeat when one package is installed in two places. */
    private static Component component(StoredPackage p, String ref) {
        Component component = new Component();
        component.setType("binary".equals(p.pkgType()) ? Component.Type.APPLICATION : Component.Type.LIBRARY);
        component.setBomRef(p.purl() == null ? ref : ref + ":" + p.purl());
        component.setName(p.name());
        component.setVersion(p.version());
        String group = p.metadata().get("pom.groupId");
        if (group != null && !group.isBlank()) {
            component.setGroup(group);
        }
        if (p.origin() != null && !p.origin().isBlank()) {
            component.setPublisher(p.origin());
        }
        if (p.purl() != null) {
            component.setPurl(p.purl());
        }
        if (!p.cpes().isEmpty()) {
            component.setCpe(p.cpes().getFirst());
        }
        licenses(PackageLicense.of(p.licenses()), component);
        addProperty(component, "drydock:package:type", p.pkgType());
        addProperty(component, "drydock:package:location", p.location());
        addProperty(component, "drydock:package:layer", p.layerDigest());
        addProperty(component, "drydock:package:arch", p.arch());
        addProperty(component, "drydock:package:source-name", p.sourceName());
        addProperty(component, "drydock:package:source-version", p.sourceVersion());
        // CycloneDX has one cpe per component; the other candidates stay findable.
        for (String cpe : p.cpes().subList(Math.min(1, p.cpes().size()), p.cpes().size())) {
            component.addProperty(new Property("drydock:package:cpe", cpe));
        }
        return component;
    }

    /**
     * An expression as {@code expression}; a list as {@code license.id} for SPDX ids and {@code license.name} for
     * the rest. cyclonedx-core-java's {@code LicenseResolver} is not used: it matches one string against the list
     * (no expressions, no lists) and rereads its mapping file on every miss.
     */
    private static void licenses(PackageLicense license, Component component) {
        if (license.isEmpty()) {
            return;
        }
        LicenseChoice choice = new LicenseChoice();
        if (license.expression() != null) {
            choice.setExpression(new Expression(license.expression()));
        } else {
            for (PackageLicense.License l : license.licenses()) {
                License cdx = new License();
                if (l.id() != null) {
                    cdx.setId(l.id());
                } else {
                    cdx.setName(l.name());
                }
                choice.addLicense(cdx);
            }
        }
        component.setLicenses(choice);
    }

    private static void addProperty(Component component, String name, String value) {
        if (value != null && !value.isBlank()) {
            component.addProperty(new Property(name, value));
        }
    }
}
