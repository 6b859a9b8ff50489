package io.drydock.analyzer.catalogers;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Builds package URLs in the canonical form of the purl specification: components percent-encoded (everything but
 * {@code A-Z a-z 0-9 . - _ ~}, so a Debian epoch's {@code :} becomes {@code %3A} and {@code +} becomes {@code %2B}),
 * qualifiers sorted by key, empty qualifiers left out, and names lowercased for the types whose names are
 * case-insensitive ({@code deb}, {@code apk}, {@code composer}, {@code pypi}); {@code pypi} names also have
 * {@code _} replaced by {@code -}, as the specification's pypi type requires.
 */
public final class PackageUrl {

    private static final Set<String> LOWERCASE_NAME_TYPES = Set.of("deb", "apk", "composer", "pypi");
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final String type;
    private final String name;
    private String namespace;
    private String version;
    private final Map<String, String> qualifiers = new TreeMap<>();

    private PackageUrl(String type, String name) {
        this.type = type.toLowerCase(Locale.ROOT);
        this.name = Objects.requireNonNull(name, "name");
    }

    public static PackageUrl builder(String type, String name) {
        return new PackageUrl(type, name);
    }

    public PackageUrl namespace(String value) {
        this.namespace = value;
        return this;
    }

    public PackageUrl version(String value) {
        this.version = value;
        return this;
    }

    /** Adds a qualifier; a null or empty value is left out, as the specification requires. */
    public PackageUrl qualifier(String key, String value) {
        if (value != null && !value.isEmpty()) {
            qualifiers.put(key.toLowerCase(Locale.ROOT), value);
        }
        return this;
    }

    public String build() {
        StringBuilder purl = new StringBuilder("pkg:").append(type).append('/');
        boolean lowercase = LOWERCASE_NAME_TYPES.contains(type);
        if (namespace != null && !namespace.isEmpty()) {
            for (String segment : namespace.split("/")) {
                if (!segment.isEmpty()) {
                    purl.append(encode(lowercase ? segment.toLowerCase(Locale.ROOT) : segment)).append('/');
                }
            }
        }
        String canonicalName = lowercase ? name.toLowerCase(Locale.ROOT) : name;
        if (type.equals("pypi")) {
            canonicalName = canonicalName.replace('_', '-');
        }
        purl.append(encode(canonicalName));
        if (version != null && !version.isEmpty()) {
            purl.append('@').append(encode(version));
        }
        char separator = '?';
        for (Map.Entry<String, String> qualifier : qualifiers.entrySet()) {
            purl.append(separator).append(qualifier.getKey()).append('=').append(encode(qualifier.getValue()));
            separator = '&';
        }
        return purl.toString();
    }

    static String encode(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '-' || c == '_' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }
}
