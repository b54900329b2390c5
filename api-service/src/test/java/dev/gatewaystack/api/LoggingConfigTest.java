package dev.gatewaystack.api;

import dev.gatewaystack.support.LoggingConfigContract;

/** api-service's logback.xml against the shared logging contract (JSON fields, plain text, Logstash, outages). */
class LoggingConfigTest extends LoggingConfigContract {
    LoggingConfigTest() {
        super("api-service", "api", "api.accounts.list");
    }
}
