package dev.gatewaystack.auth.user;

import java.util.List;
import java.util.UUID;

public record User(UUID id, String email, String passwordHash, List<String> roles) {
}
