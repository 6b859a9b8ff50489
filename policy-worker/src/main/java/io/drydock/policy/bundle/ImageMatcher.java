package io.drydock.policy.bundle;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The matcher Anchore shares between mapping rules and allowed/denied image rules; first match wins. */
public final class ImageMatcher {
    private ImageMatcher() {}

    public static boolean matches(String registry, String repository, ImageRef image, FullTag tag, String imageDigest,
                                  String imageId) {
        if (image == null || image.type() == null
                || !Wildcards.matches(registry, tag.registry()) || !Wildcards.matches(repository, tag.repository())) {
            return false;
        }
        return switch (image.type()) {
            case "tag" -> Wildcards.matches(image.value(), tag.tag());
            case "digest" -> image.value() != null && image.value().equals(imageDigest);
            case "id" -> image.value() != null && image.value().equals(imageId);
            default -> false;
        };
    }

    public static Optional<MappingRule> firstMapping(List<MappingRule> rules, FullTag tag, String digest, String id) {
        return first(rules, r -> matches(r.registry(), r.repository(), r.image(), tag, digest, id));
    }

    public static Optional<ImageSelectionRule> firstSelection(List<ImageSelectionRule> rules, FullTag tag,
                                                              String digest, String id) {
        return first(rules, r -> matches(r.registry(), r.repository(), r.image(), tag, digest, id));
    }

    private static <T> Optional<T> first(List<T> rules, Function<T, Boolean> test) {
        return rules == null ? Optional.empty() : rules.stream().filter(test::apply).findFirst();
    }
}
