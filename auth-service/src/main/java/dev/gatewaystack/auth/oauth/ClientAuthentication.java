package dev.gatewaystack.auth.oauth;

import dev.gatewaystack.auth.throttle.LoginThrottle;
import dev.gatewaystack.auth.web.ClientAddress;
import dev.gatewaystack.support.Problem;
import dev.gatewaystack.support.RequestLogContext;
import dev.gatewaystack.auth.web.RequestParts;
import io.helidon.common.parameters.Parameters;
import io.helidon.webserver.http.ServerRequest;

import java.time.Duration;
import java.util.Optional;

/**
 * Confidential client authentication (Basic or client_secret_post) for the token and revocation endpoints. Failed
 * attempts are throttled per client id AND source address: someone guessing secrets from elsewhere is slowed down,
 * but never locks the client out for its legitimate caller.
 */
public final class ClientAuthentication {
    /** No registered client id is longer; longer ones are refused before any database work. */
    static final int MAX_CLIENT_ID_LENGTH = 254;

    private final ClientRegistry clients;
    private final LoginThrottle throttle;
    private final ClientAddress addresses;

    public ClientAuthentication(ClientRegistry clients, LoginThrottle throttle, ClientAddress addresses) {
        this.clients = clients;
        this.throttle = throttle;
        this.addresses = addresses;
    }

    public Client confidential(ServerRequest req, Parameters form) {
        Optional<String[]> basic = RequestParts.basicCredentials(req);
        String id = basic.map(b -> b[0]).orElseGet(() -> RequestParts.single(form, "client_id"));
        String secret = basic.map(b -> b[1]).orElseGet(() -> RequestParts.single(form, "client_secret"));
        if (id == null || id.length() > MAX_CLIENT_ID_LENGTH) {
            throw ClientRegistry.unknownClient();
        }
        String account = "client:" + id;
        String source = addresses.of(req);
        Optional<Duration> locked = throttle.lockedFor(account, source);
        if (locked.isPresent()) {
            throw Problem.oauth(429, "slow_down", "too many failed client authentications from this address")
                    .withHeader("Retry-After", LoginThrottle.retryAfter(locked.get()));
        }
        try {
            Client client = clients.authenticate(id, secret);
            throttle.succeeded(account, source);
            RequestLogContext.authenticated(client.id());
            return client;
        } catch (Problem p) {
            throttle.failed(account, source);
            throw p;
        }
    }
}
