package io.drydock.analyzer;

import io.drydock.analyzer.search.ContentSearch;
import java.util.List;
import java.util.Objects;

/**
 * What an analysis looks for beyond packages: the secret and content searches and the files to retrieve. Global
 * configuration (Anchore's {@code analyzer_config.yaml}): a shared analysis is the same for every account.
 *
 * @param retrieveFiles     absolute paths whose content is kept for the policy gates
 * @param retrieveMaxBytes  larger files are not retrieved (Anchore's {@code max_file_size_kb})
 */
public record AnalysisOptions(ContentSearch search, List<String> retrieveFiles, int retrieveMaxBytes) {

    /** Anchore's {@code retrieve_files} defaults. */
    public static final List<String> DEFAULT_RETRIEVE_FILES = List.of("/etc/passwd");
    public static final int DEFAULT_RETRIEVE_MAX_BYTES = 1000 * 1024;

    public AnalysisOptions {
        Objects.requireNonNull(search, "search");
        retrieveFiles = List.copyOf(retrieveFiles);
        if (retrieveMaxBytes <= 0) {
            throw new IllegalArgumentException("retrieveMaxBytes must be positive");
        }
    }

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(ContentSearch.defaults(), DEFAULT_RETRIEVE_FILES, DEFAULT_RETRIEVE_MAX_BYTES);
    }

    /** A fingerprint of what changes findings, for the per-layer cache key. */
    public String fingerprint() {
        return search.fingerprint() + "\u0000r" + retrieveMaxBytes + "\u0000" + String.join("\u0000", retrieveFiles);
    }
}
