package io.drydock.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the API is and who calls it, from the command line and the environment. A flag wins over Drydock's variable
 * ({@code DRYDOCK_URL}, {@code DRYDOCK_USER}, {@code DRYDOCK_PASSWORD}), which wins over anchore-cli's
 * ({@code ANCHORE_CLI_URL}, {@code ANCHORE_CLI_USER}, {@code ANCHORE_CLI_PASS}), so a CI job written for anchore-cli
 * keeps working and a Drydock setting is never shadowed by a leftover Anchore one. Empty values count as unset.
 *
 * @param url      the API's base, e.g. {@code http://localhost:8228/v1}
 * @param account  the account to act in ({@code x-anchore-account}), or null for the user's own
 */
public record CliConfig(URI url, String user, String password, String account) {

    public static final String DEFAULT_URL = "http://localhost:8228/v1";

    /** What was given on the command line; null where nothing was. */
    public record Flags(String url, String user, String password, String account) {
    }

    public CliConfig {
        Objects.requireNonNull(url, "url");
    }

    /**
     * @throws CliException when the URL is unusable or the user or password is missing, naming where each comes from
     */
    public static CliConfig resolve(Flags flags, Map<String, String> environment) {
        String url = first(flags.url(), environment, "DRYDOCK_URL", "ANCHORE_CLI_URL");
        String user = first(flags.user(), environment, "DRYDOCK_USER", "ANCHORE_CLI_USER");
        String password = first(flags.password(), environment, "DRYDOCK_PASSWORD", "ANCHORE_CLI_PASS");
        if (user == null) {
            throw new CliException("no user given: use --user or set DRYDOCK_USER (or ANCHORE_CLI_USER)");
        }
        if (password == null) {
            throw new CliException("no password given for user '" + user
                    + "': use --password or set DRYDOCK_PASSWORD (or ANCHORE_CLI_PASS)");
        }
        return new CliConfig(parseUrl(url == null ? DEFAULT_URL : url), user, password, blankToNull(flags.account()));
    }

    private static URI parseUrl(String text) {
        try {
            URI uri = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (!List.of("http", "https").contains(String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT))
                    || uri.getHost() == null) {
                throw new CliException("the API URL '" + text + "' is not an http:// or https:// URL with a host"
                        + " (e.g. " + DEFAULT_URL + ")");
            }
            if (uri.getQuery() != null || uri.getFragment() != null) {
                throw new CliException("the API URL '" + text + "' must not have a query or fragment");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CliException("the API URL '" + text + "' is not a URL: " + e.getMessage());
        }
    }

    private static String first(String flag, Map<String, String> environment, String... variables) {
        if (blankToNull(flag) != null) {
            return flag;
        }
        for (String variable : variables) {
            String value = blankToNull(environment.get(variable));
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
