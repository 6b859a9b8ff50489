package io.drydock.analyzer.search;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * What the searches found in one file.
 *
 * @param secrets        matches of the secret searches
 * @param contentMatches matches of the user's content searches
 */
public record FileMatches(List<ContentMatch> secrets, List<ContentMatch> contentMatches) {

    public FileMatches {
        secrets = List.copyOf(secrets);
        contentMatches = List.copyOf(contentMatches);
    }

    @JsonIgnore
    public boolean isEmpty() {
        return secrets.isEmpty() && contentMatches.isEmpty();
    }
}
