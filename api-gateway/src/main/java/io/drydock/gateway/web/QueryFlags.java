package io.drydock.gateway.web;

/** Boolean query parameters as the Anchore CLI sends them: {@code True}, {@code true}, {@code False}, … */
public final class QueryFlags {

    private QueryFlags() {
    }

    public static boolean parse(String value, boolean defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw io.drydock.gateway.error.ApiException.badRequest("not a boolean: " + value);
        };
    }
}
