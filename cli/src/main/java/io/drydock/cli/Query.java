package io.drydock.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/** A URL query string; parameters whose value is null are left out. */
public final class Query {

    private final StringJoiner parts = new StringJoiner("&", "?", "").setEmptyValue("");

    public static Query of() {
        return new Query();
    }

    public Query add(String name, Object value) {
        if (value != null) {
            parts.add(encode(name) + "=" + encode(String.valueOf(value)));
        }
        return this;
    }

    /** Anchore's boolean form ({@code True}/{@code False}), which its API and Drydock's both read. */
    public Query flag(String name, boolean value) {
        return add(name, value ? "True" : "False");
    }

    /** A value as one path segment, e.g. a policy id; a registry keeps its {@code /}, which the API's route captures. */
    public static String pathSegment(String value, boolean keepSlashes) {
        String encoded = encode(value).replace("+", "%20").replace("%3A", ":").replace("%40", "@");
        return keepSlashes ? encoded.replace("%2F", "/") : encoded;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return parts.toString();
    }
}
