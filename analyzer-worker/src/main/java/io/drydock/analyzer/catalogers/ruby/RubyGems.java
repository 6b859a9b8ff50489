package io.drydock.analyzer.catalogers.ruby;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.PackageTypes;
import io.drydock.analyzer.catalogers.LanguageCpes;
import io.drydock.analyzer.catalogers.PackageUrl;
import java.util.List;
import java.util.Map;

/** What gems found in specifications and lock files have in common: their type, purl and CPEs. */
final class RubyGems {

    private RubyGems() {
    }

    static PackageRecord record(String name, String version, List<String> licenses, String origin, String location,
            Map<String, String> metadata) {
        return PackageRecord.language(PackageTypes.GEM, name, version, licenses, origin, location,
                PackageUrl.builder("gem", name).version(version).build(), cpes(name, version), List.of(), metadata);
    }

    /** NVD names gems under their own name or {@code <name>_project} (rack: {@code rack_project:rack}). */
    static List<String> cpes(String name, String version) {
        return LanguageCpes.of(List.of(name, name + "_project"), List.of(name), version, "ruby");
    }
}
