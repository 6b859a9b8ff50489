package io.drydock.analyzer.catalogers.ruby;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.ScannedFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Installed gems from the specifications RubyGems (and Debian's rubygems-integration) keeps for them:
 * {@code .../specifications/<name>-<version>.gemspec}. A file cataloger: the specification stands alone.
 */
public final class GemspecCataloger implements FileCataloger {

    /** Generated specifications are a few KiB; a larger file under that name is skipped. */
    static final int MAX_BYTES = 1024 * 1024;
    static final int MAX_NAME_CHARS = 256;

    @Override
    public boolean wants(String path, long size, byte[] head) {
        return size <= MAX_BYTES && path.endsWith(".gemspec")
                && (path.startsWith("specifications/") || path.contains("/specifications/"));
    }

    @Override
    public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
        String source = new String(file.readAtMost(MAX_BYTES), StandardCharsets.UTF_8);
        Optional<Map<String, List<String>>> spec = GemspecParser.parse(source);
        if (spec.isEmpty()) {
            throw new IOException("no Gem::Specification.new block");
        }
        String name = first(spec.get(), "name");
        String version = first(spec.get(), "version");
        if (name == null || version == null) {
            throw new IOException("the specification assigns no literal name and version");
        }
        List<String> licenses = spec.get().getOrDefault("licenses", spec.get().getOrDefault("license", List.of()));
        List<String> authors = spec.get().getOrDefault("authors", spec.get().getOrDefault("author", List.of()));
        return List.of(RubyGems.record(name, version, licenses, authors.isEmpty() ? null : String.join(", ", authors),
                file.path(), Map.of()));
    }

    private static String first(Map<String, List<String>> spec, String attribute) {
        List<String> values = spec.get(attribute);
        if (values == null || values.isEmpty()) {
            return null;
        }
        String value = values.getFirst().strip();
        return value.isEmpty() || value.length() > MAX_NAME_CHARS || value.chars().anyMatch(Character::isWhitespace)
                ? null : value;
    }
}
