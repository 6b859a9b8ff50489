package io.drydock.analyzer.search;

import java.util.List;

/** Anchore's {@code secret_search}/{@code file_content_search} artifact row: a path and what matched in it. */
public record PathMatches(String path, List<ContentMatch> matches) {

    public PathMatches {
        matches = List.copyOf(matches);
    }
}
