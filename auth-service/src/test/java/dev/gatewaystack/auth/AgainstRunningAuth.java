package dev.gatewaystack.auth;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class against one real auth-service with default configuration and its own fresh database, started once
 * before the class's tests and closed (database dropped) after them. Classes that need overrides or more set-up
 * start their own {@link RunningAuth}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AgainstRunningAuth {
    RunningAuth auth;

    @BeforeAll
    final void startAuth() {
        auth = RunningAuth.start();
    }

    @AfterAll
    final void stopAuth() {
        auth.close();
    }
}
