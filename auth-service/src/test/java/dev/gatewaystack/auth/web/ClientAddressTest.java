package dev.gatewaystack.auth.web;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which peers are trusted proxies, and which header values count as an address (never a host name). */
class ClientAddressTest {
    private final ClientAddress addresses = new ClientAddress(List.of("172.16.0.0/12", "10.1.2.3", "fd00::/8"));

    @Test
    void cidrsMatchByPrefixForIpv4AndIpv6() throws Exception {
        assertTrue(addresses.trusts(InetAddress.getByName("172.16.0.1")));
        assertTrue(addresses.trusts(InetAddress.getByName("172.31.255.254")));
        assertFalse(addresses.trusts(InetAddress.getByName("172.32.0.1")));
        assertTrue(addresses.trusts(InetAddress.getByName("10.1.2.3")));
        assertFalse(addresses.trusts(InetAddress.getByName("10.1.2.4")));
        assertTrue(addresses.trusts(InetAddress.getByName("fd12::1")));
        assertFalse(addresses.trusts(InetAddress.getByName("fe80::1")));
        assertFalse(addresses.trusts(InetAddress.getByName("127.0.0.1")));
    }

    @Test
    void headerValuesAreIpLiteralsOnly() {
        assertEquals("203.0.113.9", ClientAddress.literal(" 203.0.113.9 ").getHostAddress());
        assertEquals("2001:db8:0:0:0:0:0:1", ClientAddress.literal("2001:db8::1").getHostAddress());
        assertNull(ClientAddress.literal("example.com"), "a name must never trigger a DNS lookup");
        assertNull(ClientAddress.literal("abc"));
        assertNull(ClientAddress.literal("203.0.113.9, 10.0.0.1"));
        assertNull(ClientAddress.literal("999.1.1.1"));
        assertNull(ClientAddress.literal("1.2.3.256"));
        assertEquals("255.0.10.199", ClientAddress.literal("255.0.10.199").getHostAddress());
        assertNull(ClientAddress.literal(""));
        assertNull(ClientAddress.literal(null));
    }

    @Test
    void aMalformedTrustedListFailsAtStartUp() {
        assertThrows(IllegalStateException.class, () -> new ClientAddress(List.of("10.0.0.0/33")));
        assertThrows(IllegalStateException.class, () -> new ClientAddress(List.of("gateway")));
    }
}
