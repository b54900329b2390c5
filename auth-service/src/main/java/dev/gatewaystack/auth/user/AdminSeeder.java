package dev.gatewaystack.auth.user;

import dev.gatewaystack.auth.crypto.PasswordHasher;
import dev.gatewaystack.auth.db.Database;
import dev.gatewaystack.auth.outbox.OutboxEvents;
import io.helidon.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Creates (or promotes and re-keys) the first admin from ADMIN_EMAIL / ADMIN_PASSWORD at start-up. There is no
 * default password: without both variables nothing is seeded.
 */
public final class AdminSeeder {
    private static final Logger LOG = LoggerFactory.getLogger(AdminSeeder.class);

    private AdminSeeder() {
    }

    public static void seed(Config admin, Database db, UserRepository users, PasswordHasher hasher,
                            OutboxEvents outbox) {
        Optional<String> email = admin.get("email").asString().filter(v -> !v.isBlank());
        Optional<String> password = admin.get("password").asString().filter(v -> !v.isEmpty());
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
                users.updateAdmin(c, existing.get().id(), hash);
                return "updated";
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
