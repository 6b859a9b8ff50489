package io.drydock.gateway.account;

import io.drydock.platform.account.AccountRepository;
import io.drydock.platform.account.AccountRepository.UserAccount;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP basic authentication as Anchore does it: unauthenticated requests to protected routes get {@code 401} with
 * {@code WWW-Authenticate: basic realm="Authentication required"} and the body {@code Unauthorized}. An admin may act
 * on another account with the {@code x-anchore-account} header.
 */
public class AuthenticationFilter extends OncePerRequestFilter {

    private static final Set<String> OPEN = Set.of("/", "/v1", "/health", "/v1/health", "/version", "/v1/version",
            "/swagger.json", "/v1/swagger.json");

    private final AccountRepository accounts;
    private final PasswordHashing passwords;

    public AuthenticationFilter(AccountRepository accounts, PasswordHashing passwords) {
        this.accounts = accounts;
        this.passwords = passwords;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        // Internal routes (service to service) check the internal token themselves.
        return OPEN.contains(path) || path.startsWith("/internal/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<UserAccount> user = authenticate(request.getHeader("Authorization"));
        if (user.isEmpty()) {
            response.setStatus(401);
            response.setHeader("WWW-Authenticate", "basic realm=\"Authentication required\"");
            response.setContentType("text/plain");
            response.getWriter().write("Unauthorized");
            return;
        }
        UserAccount caller = user.get();
        if (!"enabled".equals(caller.accountState()) && !caller.isAdmin()) {
            forbidden(response, "account " + caller.account() + " is " + caller.accountState());
            return;
        }
        String account = caller.account();
        String impersonate = request.getHeader("x-anchore-account");
        if (impersonate != null && !impersonate.isBlank() && !impersonate.equals(account)) {
            if (!caller.isAdmin()) {
                forbidden(response, "Not authorized to act as account " + impersonate);
                return;
            }
            if (!accounts.accountExists(impersonate)) {
                forbidden(response, "account " + impersonate + " does not exist");
                return;
            }
            account = impersonate;
        }
        request.setAttribute(Caller.ATTRIBUTE, new Caller(caller.username(), account, caller.isAdmin()));
        chain.doFilter(request, response);
    }

    private Optional<UserAccount> authenticate(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String username = decoded.substring(0, colon);
        String password = decoded.substring(colon + 1);
        return accounts.findUser(username).filter(u -> passwords.matches(username, password, u.passwordHash()));
    }

    private static void forbidden(HttpServletResponse response, String message) throws IOException {
        response.setStatus(403);
        response.setContentType("application/json");
        response.getWriter().write("{\"message\":\"" + message.replace("\"", "'") + "\",\"httpcode\":403,\"detail\":{}}");
    }
}
