package io.drydock.policy.bundle;

import java.util.List;

/** An allowlist ({@code whitelists} in format 1_0). */
public record Whitelist(String id, String name, String comment, String version, List<WhitelistItem> items) {
    public Whitelist {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
