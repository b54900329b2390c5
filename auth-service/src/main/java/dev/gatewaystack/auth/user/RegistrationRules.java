package dev.gatewaystack.auth.user;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** What a registration must satisfy; each broken rule is reported against its field. */
public final class RegistrationRules {
    /** Pragmatic address check (local@domain.tld); deliverability is the mail server's business. */
    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");
    public static final int MIN_PASSWORD = 12;
    /** Argon2 takes any length, but unbounded input is a denial-of-service lever. */
    public static final int MAX_PASSWORD = 256;

    private RegistrationRules() {
    }

    public static Map<String, String> check(String email, String password) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (email == null || email.isBlank()) {
            errors.put("email", "is required");
        } else if (email.length() > 254 || !EMAIL.matcher(email).matches()) {
            errors.put("email", "must be an e-mail address such as name@example.com");
        }
        if (password == null || password.isEmpty()) {
            errors.put("password", "is required");
        } else if (password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            errors.put("password", "must have at least " + MIN_PASSWORD + " characters");
        } else if (password.length() > MAX_PASSWORD) {
            errors.put("password", "must have at most " + MAX_PASSWORD + " characters");
        } else if (email != null && password.equalsIgnoreCase(email)) {
            errors.put("password", "must not be the e-mail address");
        }
        return errors;
    }
}
