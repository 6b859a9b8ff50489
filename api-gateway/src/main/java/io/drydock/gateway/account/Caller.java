package io.drydock.gateway.account;

import io.drydock.gateway.error.ApiException;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The authenticated caller of a request.
 *
 * @param username the user that authenticated
 * @param account  the account whose resources the request acts on (the user's own, or the one named by an admin's
 *                 {@code x-anchore-account} header)
 * @param admin    whether the user belongs to an admin or service account
 */
public record Caller(String username, String account, boolean admin) {

    static final String ATTRIBUTE = Caller.class.getName();

    public static Caller of(HttpServletRequest request) {
        Object caller = request.getAttribute(ATTRIBUTE);
        if (caller == null) {
            throw new ApiException(401, "Unauthorized", java.util.Map.of());
        }
        return (Caller) caller;
    }

    public void requireAdmin() {
        if (!admin) {
            throw new ApiException(403, "Not authorized. Requires permissions: domain=system action=*",
                    java.util.Map.of("permission_required", "system:*"));
        }
    }
}
