package io.drydock.gateway.account;

import io.drydock.gateway.error.ApiException;
import io.drydock.platform.account.AccountRepository;
import io.drydock.platform.policy.PolicyBundleRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;

/** Creates accounts and users; every new account starts with Anchore's default bundle, active. */
@Service
public class AccountService {

    static final Set<String> RESERVED = Set.of("system", "anchore-system", "admin");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._@+-]{0,127}", Pattern.CASE_INSENSITIVE);
    static final String DEFAULT_BUNDLE = "bundles/anchore_default_bundle.json";

    private final AccountRepository accounts;
    private final PolicyBundleRepository bundles;
    private final PasswordHashing passwords;
    private final JsonMapper json;
    private final Clock clock;

    public AccountService(AccountRepository accounts, PolicyBundleRepository bundles, PasswordHashing passwords,
                          JsonMapper json, Clock clock) {
        this.accounts = accounts;
        this.bundles = bundles;
        this.passwords = passwords;
        this.json = json;
        this.clock = clock;
    }

    @Transactional
    public void createAccount(String name, String email) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw ApiException.badRequest("invalid account name: " + name);
        }
        if (RESERVED.contains(name)) {
            throw ApiException.badRequest("cannot use name " + name + ": it is reserved");
        }
        if (!accounts.createAccount(name, "user", email, clock.instant())) {
            throw ApiException.badRequest("account already exists: " + name);
        }
        seedDefaultBundle(name);
    }

    @Transactional
    public void createUser(String account, String username, String password) {
        if (!accounts.accountExists(account)) {
            throw ApiException.notFound("Resource account " + account + " not found");
        }
        if (username == null || !NAME.matcher(username).matches()) {
            throw ApiException.badRequest("invalid user name: " + username);
        }
        if (password == null || password.length() < 8) {
            throw ApiException.badRequest("password must have at least 8 characters");
        }
        if (!accounts.createUser(account, username, passwords.hash(password), clock.instant())) {
            throw ApiException.badRequest("user already exists: " + username);
        }
    }

    /** Stores the shipped default bundle for the account and activates it. */
    void seedDefaultBundle(String account) {
        JsonNode bundle = defaultBundle();
        String policyId = bundle.path("id").asString();
        bundles.save(account, policyId, bundle.path("name").asString(null), bundle.path("comment").asString(null),
                json.writeValueAsString(bundle), clock.instant());
        bundles.activate(account, policyId, clock.instant());
    }

    private JsonNode defaultBundle() {
        try (InputStream in = AccountService.class.getClassLoader().getResourceAsStream(DEFAULT_BUNDLE)) {
            if (in == null) {
                throw new IllegalStateException("the default policy bundle " + DEFAULT_BUNDLE + " is missing from the build");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
