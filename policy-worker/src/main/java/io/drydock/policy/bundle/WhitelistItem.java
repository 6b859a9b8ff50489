package io.drydock.policy.bundle;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * An allowlist entry. {@code triggerId} may be exact, a {@code *} wildcard or {@code regexp:}-prefixed.
 *
 * @param expiresOn RFC 3339 text as written; null when the item never expires
 */
public record WhitelistItem(String id, String gate, String triggerId, String expiresOn) {

    /** The expiry instant; empty when there is none; throws {@link DateTimeParseException} when unparseable. */
    public Optional<Instant> expiry() {
        if (expiresOn == null || expiresOn.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(expiresOn).toInstant());
        } catch (DateTimeParseException e) {
            // Anchore accepts a date-time without offset as UTC
            return Optional.of(LocalDateTime.parse(expiresOn).toInstant(ZoneOffset.UTC));
        }
    }

    /** Expired items are ignored: {@code now >= expires_on}. */
    public boolean expiredAt(Instant now) {
        return expiry().map(expiry -> !now.isBefore(expiry)).orElse(false);
    }
}
