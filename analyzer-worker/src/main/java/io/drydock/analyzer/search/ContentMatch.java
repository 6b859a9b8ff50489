package io.drydock.analyzer.search;

import java.util.List;

/**
 * Where one search matched in one file: the search's name and regex and the 1-based line numbers. Never the matched
 * text: a secret found in an image must not be copied into the database, logs or API responses.
 */
public record ContentMatch(String name, String regex, List<Integer> lines) {

    public ContentMatch {
        lines = List.copyOf(lines);
    }
}
