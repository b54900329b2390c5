package dev.gatewaystack.auth.user;

import dev.gatewaystack.auth.crypto.PasswordHasher;
import dev.gatewaystack.auth.db.Database;
import dev.gatewaystack.auth.outbox.OutboxEvents;
import dev.gatewaystack.auth.session.Sessions;
import io.helidon.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Seeds the first admin from ADMIN_EMAIL / ADMIN_PASSWORD at start-up. There is no default password: without both
 * variables nothing is seeded. The seed never takes over an account silently:
 * <ul>
 *   <li>e-mail not registered: the admin account is created;</li>
 *   <li>already an admin whose password is ADMIN_PASSWORD (a restart): nothing changes;</li>
 *   <li>any other existing account (someone registered that e-mail, or the admin's password differs): start-up
 *       fails with a sentence, unless ADMIN_PROMOTE_EXISTING=true confirms it. Then the account gets the admin
 *       role and ADMIN_PASSWORD, and all its sessions and token families are revoked in the same transaction,
 *       so no token or cookie minted before carries on with the new role.</li>
 * </ul>
 */
public final class AdminSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(AdminSeeder.class);

    private AdminSeeder() {
    }

    public static void seed(Config admin, Database db, UserRepository users, PasswordHasher hasher,
                            OutboxEvents outbox, Sessions sessions) {
        Optional<String> email = admin.get("email").asString().filter(v -> !v.isBlank());
        Optional<String> password = admin.get("password").asString().filter(v -> !v.isEmpty());
        boolean promoteExisting = admin.get("promote.existing").asBoolean().orElse(false);
        if (email.isEmpty() || password.isEmpty()) {
            LOG.info("admin seed skipped: ADMIN_EMAIL and ADMIN_PASSWORD are not both set");
            return;
        }
        Map<String, String> errors = RegistrationRules.check(email.get(), password.get());
        if (!errors.isEmpty()) {
            throw new IllegalStateException("admin seed rejected: " + errors
                    + " (fix ADMIN_EMAIL / ADMIN_PASSWORD)");
        }
        String hash = hasher.hash(password.get());
        String outcome = db.tx(c -> {
            Optional<User> existing = users.byEmail(c, email.get());
            if (existing.isPresent()) {
                User user = existing.get();
                if (user.roles().contains("admin") && hasher.verify(password.get(), user.passwordHash())) {
                    return "already the admin";
                }
                if (!promoteExisting) {
                    throw new IllegalStateException("ADMIN_EMAIL " + email.get() + " belongs to an existing "
                            + (user.roles().contains("admin") ? "admin account whose password is not ADMIN_PASSWORD"
                            : "account that is not an admin") + "; the admin seed will not take it over. Use another "
                            + "ADMIN_EMAIL, or set ADMIN_PROMOTE_EXISTING=true to make that account the admin with "
                            + "ADMIN_PASSWORD (its sessions and tokens are then revoked).");
                }
                users.updateAdmin(c, user.id(), hash);
                sessions.endAll(c, user.id(), "admin seed changed the account's role and password");
                return "promoted (ADMIN_PROMOTE_EXISTING=true); its sessions and tokens are revoked";
            }
            User user = new User(UUID.randomUUID(), email.get().trim(), hash, List.of("user", "admin"));
            if (!users.insert(c, user)) {
                return "created by another replica";
            }
            outbox.userRegistered(c, user);
            return "created";
        });
        LOG.info("admin {} {}", email.get(), outcome);
    }
}
