package io.drydock.analyzer.layer;

import io.drydock.analyzer.PackageRecord;
import io.drydock.analyzer.search.FileMatches;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What was found in one file of one layer as it streamed past: packages from the file catalogers and matches of the
 * content searches. Lives as long as that layer's copy of the file is the final one at its path.
 *
 * @param matches null when the file was not searched or nothing matched
 */
public record FileFindings(List<PackageRecord> packages, FileMatches matches) {

    public FileFindings {
        packages = List.copyOf(packages);
        if (matches != null && matches.isEmpty()) {
            matches = null;
        }
    }

    @JsonIgnore
    public boolean isEmpty() {
        return packages.isEmpty() && matches == null;
    }
}
