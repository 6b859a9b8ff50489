package io.drydock.analyzer.layer;

import java.util.List;
import java.util.Optional;

/** Decides, by normalised path, which file contents are kept while the layers stream past. */
@FunctionalInterface
public interface ContentSelector {

    Optional<ContentRequest> select(String path);

    /** This selector, and the other one for paths this one does not want. */
    default ContentSelector or(ContentSelector other) {
        return path -> {
            Optional<ContentRequest> request = select(path);
            return request.isPresent() ? request : other.select(path);
        };
    }

    /** The first selector that wants the path decides how much of it is kept. */
    static ContentSelector anyOf(List<ContentSelector> selectors) {
        List<ContentSelector> copy = List.copyOf(selectors);
        return path -> {
            for (ContentSelector selector : copy) {
                Optional<ContentRequest> request = selector.select(path);
                if (request.isPresent()) {
                    return request;
                }
            }
            return Optional.empty();
        };
    }
}
