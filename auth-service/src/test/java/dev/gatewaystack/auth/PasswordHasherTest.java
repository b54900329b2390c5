package dev.gatewaystack.auth;

import dev.gatewaystack.auth.crypto.PasswordHasher;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher();

    @Test
    void hashesAreSaltedArgon2idAtOwaspParametersAndVerify() {
        String a = hasher.hash("correct horse battery");
        String b = hasher.hash("correct horse battery");
        assertTrue(a.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), a);
        assertNotEquals(a, b);
        assertTrue(hasher.verify("correct horse battery", a));
        assertFalse(hasher.verify("correct horse batterY", a));
        assertFalse(hasher.verify("correct horse battery", "$2a$10$notargon"));
        assertFalse(hasher.verify("correct horse battery", null));
    }

    @Test
    void theDecoyForUnknownAccountsCostsWhatARealVerificationCosts() {
        // Work, not time: Argon2id at m=19456 KiB fills that much memory per verification. A decoy that did not
        // parse, or had cheaper parameters, would return early and let a login tell unknown e-mails from known ones.
        String real = hasher.hash("correct horse battery");
        long verifying = allocatedBy(() -> hasher.verify("wrong guess", real));
        long decoy = allocatedBy(() -> hasher.verifyDecoy("wrong guess"));
        assertTrue(verifying > PasswordHasher.MEMORY_KIB * 1024L, "a verification fills Argon2's memory: " + verifying);
        assertTrue(Math.abs(decoy - verifying) < verifying / 20, "decoy " + decoy + " bytes, real " + verifying);
    }

    private static long allocatedBy(Runnable work) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        long before = threads.getThreadAllocatedBytes(id);
        work.run();
        return threads.getThreadAllocatedBytes(id) - before;
    }

    @Test
    void aKnownVectorVerifies() {
        // Produced by the reference argon2 CLI: echo -n password | argon2 somesalt -id -m 16 -t 2 -p 1
        String reference = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        assertTrue(hasher.verify("password", reference));
    }
}
