package io.drydock.gateway.account;

import io.drydock.gateway.error.ApiException;
import io.drydock.gateway.web.ApiTime;
import jakarta.servlet.http.HttpServletRequest;
import org.jooq.DSLContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.LinkedHashMap;
import java.util.Map;

import static io.drydock.schemas.db.Tables.ACCOUNT;
import static io.drydock.schemas.db.Tables.APP_USER;

/** Accounts and users (Anchore §1.14): what is needed to run several tenants. */
@RestController
@RequestMapping({"/v1", ""})
public class AccountController {

    private final AccountService accounts;
    private final DSLContext dsl;

    public AccountController(AccountService accounts, DSLContext dsl) {
        this.accounts = accounts;
        this.dsl = dsl;
    }

    @PostMapping("/accounts")
    public Map<String, Object> createAccount(HttpServletRequest request, @RequestBody Map<String, String> body) {
        Caller.of(request).requireAdmin();
        accounts.createAccount(body.get("name"), body.get("email"));
        return account(body.get("name"));
    }

    @GetMapping("/accounts/{name}")
    public Map<String, Object> getAccount(HttpServletRequest request, @PathVariable String name) {
        Caller caller = Caller.of(request);
        if (!caller.admin() && !caller.account().equals(name)) {
            throw ApiException.forbidden("Not authorized to read account " + name);
        }
        return account(name);
    }

    @GetMapping("/account")
    public Map<String, Object> whoami(HttpServletRequest request) {
        return account(Caller.of(request).account());
    }

    @PostMapping("/accounts/{name}/users")
    public Map<String, Object> createUser(HttpServletRequest request, @PathVariable String name,
                                          @RequestBody Map<String, String> body) {
        Caller caller = Caller.of(request);
        if (!caller.admin() && !caller.account().equals(name)) {
            throw ApiException.forbidden("Not authorized to add users to account " + name);
        }
        accounts.createUser(name, body.get("username"), body.get("password"));
        return user(body.get("username"));
    }

    private Map<String, Object> account(String name) {
        var r = dsl.selectFrom(ACCOUNT).where(ACCOUNT.NAME.eq(name)).fetchOptional()
                .orElseThrow(() -> ApiException.notFound("Resource account " + name + " not found"));
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", r.getName());
        view.put("type", r.getType());
        view.put("state", r.getState());
        view.put("email", r.getEmail());
        view.put("created_at", ApiTime.format(r.getCreatedAt().toInstant()));
        view.put("last_updated", ApiTime.format(r.getLastUpdated().toInstant()));
        return view;
    }

    private Map<String, Object> user(String username) {
        var r = dsl.selectFrom(APP_USER).where(APP_USER.USERNAME.eq(username)).fetchOne();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("username", r.getUsername());
        view.put("type", r.getType());
        view.put("source", r.getSource());
        view.put("created_at", ApiTime.format(r.getCreatedAt().toInstant()));
        view.put("last_updated", ApiTime.format(r.getLastUpdated().toInstant()));
        return view;
    }
}
