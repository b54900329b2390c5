package dev.gatewaystack.auth.user;

import dev.gatewaystack.auth.crypto.PasswordHasher;
import dev.gatewaystack.auth.db.Database;
import dev.gatewaystack.auth.outbox.OutboxEvents;
import dev.gatewaystack.support.Problem;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Registration and credential checks. */
public final class UserService {
    private final Database db;
    private final UserRepository users;
    private final PasswordHasher hasher;
    private final OutboxEvents outbox;

    public UserService(Database db, UserRepository users, PasswordHasher hasher, OutboxEvents outbox) {
        this.db = db;
        this.users = users;
        this.hasher = hasher;
        this.outbox = outbox;
    }

    /**
     * Creates a user with role {@code user} and, in the same transaction, the {@code user.registered} outbox row:
     * the event exists exactly when the user does, and the broker is never waited for.
     */
    public User register(String email, String password) {
        Map<String, String> errors = RegistrationRules.check(email, password);
        if (!errors.isEmpty()) {
            throw Problem.invalid(errors);
        }
        User user = new User(UUID.randomUUID(), email.trim(), hasher.hash(password), List.of("user"));
        boolean created = db.tx(c -> {
            if (!users.insert(c, user)) {
                return false;
            }
            outbox.userRegistered(c, user);
            return true;
        });
        if (!created) {
            throw Problem.of(409, "Conflict", "an account with this e-mail address already exists");
        }
        return user;
    }

    /** The user when the password matches; the same work is done for unknown e-mails. */
    public Optional<User> authenticate(String email, String password) {
        if (email == null || password == null || password.length() > RegistrationRules.MAX_PASSWORD) {
            return Optional.empty();
        }
        Optional<User> user = db.tx(c -> users.byEmail(c, email.trim()));
        if (user.isEmpty()) {
            hasher.verifyDecoy(password);
            return Optional.empty();
        }
        return hasher.verify(password, user.get().passwordHash()) ? user : Optional.empty();
    }

    public Optional<User> byId(UUID id) {
        return db.tx(c -> users.byId(c, id));
    }
}
