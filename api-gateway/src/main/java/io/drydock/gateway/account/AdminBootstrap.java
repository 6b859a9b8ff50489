package io.drydock.gateway.account;

import io.drydock.platform.account.AccountRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

/**
 * Creates the {@code admin} account and user on first start. The password comes from
 * {@code DRYDOCK_ADMIN_PASSWORD}; when unset on first start one is generated, stored hashed and printed once. There is
 * no built-in default password. An admin that exists is never changed here.
 */
@Component
public class AdminBootstrap implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountRepository accounts;
    private final AccountService accountService;
    private final PasswordHashing passwords;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final String configuredPassword;

    public AdminBootstrap(AccountRepository accounts, AccountService accountService, PasswordHashing passwords,
                          TransactionTemplate transactions, Clock clock,
                          @Value("${DRYDOCK_ADMIN_PASSWORD:}") String configuredPassword) {
        this.accounts = accounts;
        this.accountService = accountService;
        this.passwords = passwords;
        this.transactions = transactions;
        this.clock = clock;
        this.configuredPassword = configuredPassword;
    }

    @Override
    public void afterPropertiesSet() {
        if (accounts.findUser("admin").isPresent()) {
            return;
        }
        boolean generated = configuredPassword.isBlank();
        String password = generated ? generatePassword() : configuredPassword;
        Boolean created = transactions.execute(status -> {
            accounts.createAccount("admin", "admin", "admin@drydock.local", clock.instant());
            boolean user = accounts.createUser("admin", "admin", passwords.hash(password), clock.instant());
            if (user) {
                accountService.seedDefaultBundle("admin");
            }
            return user;
        });
        if (Boolean.TRUE.equals(created) && generated) {
            // Printed once, to the console, so that whoever started Drydock can log in; it is never stored in clear.
            System.out.println("""

                    ==================================================================
                     Drydock created the admin user. Password (shown only this once):
                       %s
                     Set DRYDOCK_ADMIN_PASSWORD before the first start to choose it.
                    ==================================================================
                    """.formatted(password));
            log.info("Created the admin user with a generated password (printed on the console)");
        } else if (Boolean.TRUE.equals(created)) {
            log.info("Created the admin user with the password from DRYDOCK_ADMIN_PASSWORD");
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
