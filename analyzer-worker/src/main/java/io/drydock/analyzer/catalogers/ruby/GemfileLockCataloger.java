package io.drydock.analyzer.catalogers.ruby;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.catalogers.CatalogContext;
import io.drydock.analyzer.catalogers.FileCataloger;
import io.drydock.analyzer.catalogers.ScannedFile;
import io.drydock.analyzer.layer.ImagePaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The gems a Bundler {@code Gemfile.lock} pins: the {@code specs:} of its {@code GEM}, {@code GIT} and {@code PATH}
 * sections, where each gem is a line indented four spaces, {@code name (version)} (the version may carry a platform,
 * {@code nokogiri (1.16.0-x86_64-linux)}), and its dependencies are indented six. See
 * https://bundler.io/guides/gemfile.html and Bundler's {@code LockfileParser}.
 */
public final class GemfileLockCataloger implements FileCataloger {

    static final String FILE_NAME = "Gemfile.lock";
    /** Large applications lock a few hundred gems in well under 100 KiB. */
    static final int MAX_BYTES = 8 * 1024 * 1024;
    static final int MAX_GEMS = 50_000;

    private static final Set<String> SOURCE_SECTIONS = Set.of("GEM", "GIT", "PATH");
    private static final Pattern SPEC = Pattern.compile("^ {4}([^\\s()]{1,256}) \\(([^\\s()]{1,256})\\)$");

    @Override
    public boolean wants(String path, long size, byte[] head) {
        return size <= MAX_BYTES && ImagePaths.name(path).equals(FILE_NAME);
    }

    @Override
    public List<PackageRecord> catalog(ScannedFile file, CatalogContext context) throws IOException {
        String text = new String(file.readAtMost(MAX_BYTES), StandardCharsets.UTF_8);
        Map<String, PackageRecord> gems = new LinkedHashMap<>();
        String section = null;
        boolean inSpecs = false;
        for (String line : text.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            if (!line.startsWith(" ")) {
                section = line.strip();
                inSpecs = false;
            } else if (!line.startsWith("   ")) {
                // A section's own keys (remote:, revision:, specs:) are indented two spaces.
                inSpecs = line.equals("  specs:") && SOURCE_SECTIONS.contains(section);
            } else if (inSpecs && !line.startsWith("      ")) {
                Matcher spec = SPEC.matcher(line);
                if (spec.matches() && gems.size() < MAX_GEMS) {
                    gems.putIfAbsent(spec.group(1) + '\u0000' + spec.group(2), RubyGems.record(spec.group(1),
                            spec.group(2), List.of(), null, file.path(), Map.of("bundler.source", section)));
                }
            }
        }
        return new ArrayList<>(gems.values());
    }
}
