package dev.gatewaystack.auth;

import dev.gatewaystack.support.LoggingConfigContract;

/** auth-service's logback.xml against the shared logging contract (JSON fields, plain text, Logstash, outages). */
class LoggingConfigTest extends LoggingConfigContract {
    LoggingConfigTest() {
        super("auth-service", "auth", "auth.token");
    }
}
