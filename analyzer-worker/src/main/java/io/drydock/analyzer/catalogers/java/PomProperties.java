package io.drydock.analyzer.catalogers.java;

import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import java.util.Properties;

/**
 * A {@code META-INF/maven/<groupId>/<artifactId>/pom.properties}, written by Maven's archiver for the artifact it
 * builds (and copied along by shading plugins for every artifact folded into an uber jar).
 */
record PomProperties(String groupId, String artifactId, String version) {

    /** Empty when the file lacks an artifactId or a version: then it does not name a package. */
    static Optional<PomProperties> parse(String text) {
        Properties properties = new Properties();
        try {
            properties.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
        String groupId = trimmed(properties.getProperty("groupId"));
        String artifactId = trimmed(properties.getProperty("artifactId"));
        String version = trimmed(properties.getProperty("version"));
        if (artifactId == null || version == null) {
            return Optional.empty();
        }
        return Optional.of(new PomProperties(groupId, artifactId, version));
    }

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
