package io.drydock.policy.bundle;

import tools.jackson.databind.JsonNode;

/** An entry of {@code whitelisted_images} or {@code blacklisted_images}. @param source the rule as written */
public record ImageSelectionRule(String id, String name, String registry, String repository, ImageRef image,
                                 JsonNode source) {}
