package io.drydock.platform.account;

import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

import java.time.Instant;
import java.util.Optional;

import static io.drydock.platform.Timestamps.utc;
import static io.drydock.schemas.db.Tables.ACCOUNT;
import static io.drydock.schemas.db.Tables.APP_USER;

/** Accounts and their users. Owned by api-gateway; other services only read. */
@Repository
public class AccountRepository {

    private final DSLContext dsl;

    public AccountRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A user with its account, as authentication needs it. */
    public record UserAccount(String username, String passwordHash, String account, String accountType,
                              String accountState) {
        public boolean isAdmin() {
            return "admin".equals(accountType) || "service".equals(accountType);
        }
    }

    public Optional<UserAccount> findUser(String username) {
        return dsl.select(APP_USER.USERNAME, APP_USER.PASSWORD_HASH, ACCOUNT.NAME, ACCOUNT.TYPE, ACCOUNT.STATE)
                .from(APP_USER).join(ACCOUNT).on(ACCOUNT.NAME.eq(APP_USER.ACCOUNT))
                .where(APP_USER.USERNAME.eq(username))
                .fetchOptional(r -> new UserAccount(r.value1(), r.value2(), r.value3(), r.value4(), r.value5()));
    }

    public boolean accountExists(String name) {
        return dsl.fetchExists(ACCOUNT, ACCOUNT.NAME.eq(name));
    }

    /** Creates the account; false when it exists. */
    public boolean createAccount(String name, String type, String email, Instant now) {
        return dsl.insertInto(ACCOUNT)
                .set(ACCOUNT.NAME, name).set(ACCOUNT.TYPE, type).set(ACCOUNT.EMAIL, email)
                .set(ACCOUNT.CREATED_AT, utc(now)).set(ACCOUNT.LAST_UPDATED, utc(now))
                .onConflictDoNothing().execute() == 1;
    }

    /** Creates the user; false when the user name is taken. */
    public boolean createUser(String account, String username, String passwordHash, Instant now) {
        return dsl.insertInto(APP_USER)
                .set(APP_USER.USERNAME, username).set(APP_USER.ACCOUNT, account)
                .set(APP_USER.PASSWORD_HASH, passwordHash)
                .set(APP_USER.CREATED_AT, utc(now)).set(APP_USER.LAST_UPDATED, utc(now))
                .onConflictDoNothing().execute() == 1;
    }

    public void setPassword(String username, String passwordHash, Instant now) {
        dsl.update(APP_USER).set(APP_USER.PASSWORD_HASH, passwordHash).set(APP_USER.LAST_UPDATED, utc(now))
                .where(APP_USER.USERNAME.eq(username)).execute();
    }
}
