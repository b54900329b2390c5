package dev.gatewaystack.auth.oauth;

import dev.gatewaystack.auth.AuthSettings;
import dev.gatewaystack.auth.crypto.PasswordHasher;
import dev.gatewaystack.support.Problem;
import io.helidon.config.Config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Clients from configuration: the SPA ({@code auth.spa.*}) and the confidential service clients
 * ({@code auth.clients}: a list of {@code id}, {@code hash} (Argon2id of the secret), {@code scopes}, {@code roles}).
 */
public final class ClientRegistry {
    private final Map<String, Client> clients = new LinkedHashMap<>();
    private final PasswordHasher hasher;

    public ClientRegistry(AuthSettings settings, Config clientsConfig, PasswordHasher hasher) {
        this.hasher = hasher;
        clients.put(settings.spaClientId(), new Client(settings.spaClientId(), null, settings.spaRedirects(),
                settings.spaScopes(), List.of(), settings.spaLogoutRedirects()));
        for (Config c : clientsConfig.asNodeList().orElse(List.of())) {
            String id = c.get("id").asString().orElseThrow(() ->
                    new IllegalStateException("auth.clients entry without id: " + c.key()));
            String hash = c.get("hash").asString().orElseThrow(() ->
                    new IllegalStateException("auth.clients entry " + id + " has no hash (the Argon2id hash of its secret); create one with "
                            + "java -cp auth-service.jar:libs/* dev.gatewaystack.auth.crypto.PasswordHasher"));
            if (!hash.startsWith("$argon2id$")) {
                throw new IllegalStateException("auth.clients entry " + id + ": hash must be an Argon2id hash");
            }
            clients.put(id, new Client(id, hash, List.of(), words(c.get("scopes").asString().orElse("")),
                    List.copyOf(words(c.get("roles").asString().orElse("service"))), List.of()));
        }
    }

    public Optional<Client> find(String id) {
        return Optional.ofNullable(id).map(clients::get);
    }

    /** The SPA client or 401 invalid_client (unknown client). */
    public Client requirePublic(String id) {
        Client client = find(id).orElseThrow(() -> unknownClient());
        if (!client.isPublic()) {
            throw Problem.oauth(401, "invalid_client", "this grant is for the public client only");
        }
        return client;
    }

    /** Authenticates a confidential client by its secret; unknown client and wrong secret look the same. */
    public Client authenticate(String id, String secret) {
        Optional<Client> client = find(id).filter(c -> !c.isPublic());
        if (client.isEmpty() || secret == null) {
            hasher.verifyDecoy(secret == null ? "" : secret);
            throw unknownClient();
        }
        if (!hasher.verify(secret, client.get().secretHash())) {
            throw unknownClient();
        }
        return client.get();
    }

    static Problem unknownClient() {
        return Problem.oauth(401, "invalid_client", "client authentication failed")
                .withHeader("WWW-Authenticate", "Basic realm=\"auth-service\"");
    }

    private static Set<String> words(String value) {
        return Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).collect(Collectors.toCollection(
                java.util.LinkedHashSet::new));
    }
}
