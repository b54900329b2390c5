package dev.gatewaystack.auth;

import dev.gatewaystack.route.model.ServiceManifest;
import dev.gatewaystack.support.fuzz.FuzzCase;
import dev.gatewaystack.support.fuzz.FuzzCorpus;
import dev.gatewaystack.support.fuzz.FuzzRun;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every route of auth-service's manifest against the shared fuzz corpus (service-support's test-jar): anonymous,
 * with a valid access token and with a confidential client's valid Basic credentials. No 5xx; every 4xx a problem,
 * or an RFC 6749 error on the token and revocation endpoints; every request answered.
 */
class ServiceFuzzTest extends AgainstRunningAuth {
    @Test
    void noMalformedRequestGetsA5xxOrANonProblemAnswer() {
        String accessToken = auth.serviceToken();

        ServiceManifest manifest = FuzzCorpus.manifestOnClassPath("auth-service");
        assertTrue(manifest.routes().size() >= 11, "every route of the manifest: " + manifest.routes());
        List<FuzzCase> cases = FuzzCorpus.cases(manifest.routes(), Map.of(), List.of(FuzzCorpus.Caller.anonymous(),
                FuzzCorpus.Caller.bearer(accessToken),
                new FuzzCorpus.Caller("basic", Map.of("Authorization", RunningAuth.SERVICE_BASIC))));
        FuzzRun.Result result = FuzzRun.run(URI.create(auth.base), cases, 4);
        result.print(System.out, "auth-service");
        assertTrue(result.ok(), result::summary);
    }
}
