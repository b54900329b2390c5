package dev.gatewaystack.auth.web;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address a request came from, for throttling. The gateway overwrites {@code X-Real-IP} with the address it
 * was connected from ({@code proxy_set_header X-Real-IP $remote_addr}); {@code X-Forwarded-For} is not used (its
 * first entries are whatever the client sent). The header is believed only when the TCP peer is a trusted proxy,
 * otherwise the peer's own address counts.
 */
public final class ClientAddress {
    private static final HeaderName X_REAL_IP = HeaderNames.create("X-Real-IP");
    // Each octet 0-255: an out-of-range dotted quad would be taken for a host name and looked up in DNS.
    private static final Pattern IPV4 = Pattern.compile("((25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1?\\d?\\d)");

    private final List<Cidr> trusted;

    public ClientAddress(List<String> trustedCidrs) {
        this.trusted = trustedCidrs.stream().map(Cidr::parse).toList();
    }

    public String of(ServerRequest req) {
        InetAddress peer = peer(req.remotePeer().address());
        if (peer != null && trusts(peer)) {
            InetAddress real = literal(req.headers().first(X_REAL_IP).orElse(null));
            if (real != null) {
                return real.getHostAddress();
            }
        }
        return peer == null ? "unknown" : peer.getHostAddress();
    }

    /** Whether {@code X-Real-IP} from this peer is believed. */
    boolean trusts(InetAddress peer) {
        return trusted.stream().anyMatch(c -> c.contains(peer));
    }

    private static InetAddress peer(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress() : null;
    }

    /** An IP literal, never a name (so no DNS lookup is triggered by a header). */
    static InetAddress literal(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        if (v.length() > 45 || !(IPV4.matcher(v).matches() || (v.indexOf(':') >= 0 && v.matches("[0-9A-Fa-f:.]+")))) {
            return null;
        }
        try {
            return InetAddress.getByName(v);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Cidr(byte[] network, int bits) {
        static Cidr parse(String cidr) {
            int slash = cidr.indexOf('/');
            InetAddress address = literal(slash < 0 ? cidr : cidr.substring(0, slash));
            if (address == null) {
                throw new IllegalStateException("auth.proxy.trusted: not an address or CIDR: " + cidr);
            }
            int max = address.getAddress().length * 8;
            int bits = slash < 0 ? max : Integer.parseInt(cidr.substring(slash + 1));
            if (bits < 0 || bits > max) {
                throw new IllegalStateException("auth.proxy.trusted: bad prefix length in " + cidr);
            }
            return new Cidr(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >> (i % 8);
                if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
