package io.drydock.analyzer.catalogers.java;

import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The coordinates in a {@code META-INF/maven/**}{@code /pom.xml}: groupId, artifactId and version, inherited from
 * {@code <parent>} when the project omits them (as Maven does), with {@code ${...}} references resolved from the same
 * pom only ({@code project.*}, {@code parent.*} and its {@code <properties>}; parents are not fetched). Parsed with
 * StAX without DTDs or external entities; elements nested deeper than {@link #MAX_DEPTH} or more than
 * {@link #MAX_PROPERTIES} properties make it unusable.
 */
record PomXml(String groupId, String artifactId, String version) {

    static final int MAX_DEPTH = 64;
    static final int MAX_PROPERTIES = 2_000;
    private static final int MAX_RESOLUTION_ROUNDS = 8;
    private static final int MAX_RESOLVED_LENGTH = 1024;
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]{1,200})}");
    private static final XMLInputFactory FACTORY = newFactory();

    private static XMLInputFactory newFactory() {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return factory;
    }

    /** Empty when it is not XML, exceeds a bound, or does not resolve to an artifactId and a version. */
    static Optional<PomXml> parse(String text) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> properties = new HashMap<>();
        Deque<String> path = new ArrayDeque<>();
        StringBuilder content = new StringBuilder();
        try {
            XMLStreamReader reader;
            synchronized (FACTORY) {
                reader = FACTORY.createXMLStreamReader(new StringReader(text));
            }
            try {
                while (reader.hasNext()) {
                    switch (reader.next()) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            if (path.size() >= MAX_DEPTH) {
                                return Optional.empty();
                            }
                            path.addLast(reader.getLocalName());
                            content.setLength(0);
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                            if (content.length() < MAX_RESOLVED_LENGTH) {
                                content.append(reader.getText());
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            String element = String.join("/", path);
                            String value = content.toString().trim();
                            if (path.size() == 3 && element.startsWith("project/properties/")) {
                                if (properties.size() >= MAX_PROPERTIES) {
                                    return Optional.empty();
                                }
                                properties.putIfAbsent(path.getLast(), value);
                            } else if (path.size() <= 3 && !value.isEmpty()) {
                                values.putIfAbsent(element, value);
                            }
                            path.removeLast();
                            content.setLength(0);
                        }
                        default -> {
                        }
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException | RuntimeException e) {
            return Optional.empty();
        }
        return of(values, properties);
    }

    private static Optional<PomXml> of(Map<String, String> values, Map<String, String> properties) {
        String groupId = first(values.get("project/groupId"), values.get("project/parent/groupId"));
        String artifactId = values.get("project/artifactId");
        String version = first(values.get("project/version"), values.get("project/parent/version"));
        Map<String, String> known = new HashMap<>(properties);
        putIfPresent(known, "project.groupId", groupId);
        putIfPresent(known, "pom.groupId", groupId);
        putIfPresent(known, "groupId", groupId);
        putIfPresent(known, "project.artifactId", artifactId);
        putIfPresent(known, "pom.artifactId", artifactId);
        putIfPresent(known, "artifactId", artifactId);
        putIfPresent(known, "project.version", version);
        putIfPresent(known, "pom.version", version);
        putIfPresent(known, "version", version);
        putIfPresent(known, "project.parent.groupId", values.get("project/parent/groupId"));
        putIfPresent(known, "project.parent.version", values.get("project/parent/version"));
        putIfPresent(known, "parent.groupId", values.get("project/parent/groupId"));
        putIfPresent(known, "parent.version", values.get("project/parent/version"));
        groupId = resolve(groupId, known);
        artifactId = resolve(artifactId, known);
        version = resolve(version, known);
        if (artifactId == null || version == null) {
            return Optional.empty();
        }
        return Optional.of(new PomXml(groupId, artifactId, version));
    }

    /** Resolves references a bounded number of rounds; anything left unresolved means the value is unknown. */
    static String resolve(String value, Map<String, String> properties) {
        if (value == null) {
            return null;
        }
        String current = value;
        for (int round = 0; round < MAX_RESOLUTION_ROUNDS && current.contains("${"); round++) {
            Matcher matcher = REFERENCE.matcher(current);
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                String replacement = properties.get(matcher.group(1));
                matcher.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? matcher.group()
                        : replacement));
            }
            matcher.appendTail(out);
            if (out.length() > MAX_RESOLVED_LENGTH || out.toString().equals(current)) {
                break;
            }
            current = out.toString();
        }
        return current.contains("${") || current.isBlank() || current.length() > MAX_RESOLVED_LENGTH ? null : current;
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.putIfAbsent(key, value);
        }
    }
}
