package dev.gatewaystack.gateway.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway self-signed TLS certificate for tests and config checks, made with the JDK's keytool (no openssl
 * needed) and written as PEM files nginx reads.
 *
 * @param certificate PEM certificate ({@code <host>.crt})
 * @param privateKey  PEM PKCS#8 private key ({@code <host>.key})
 */
public record DevCertificate(Path certificate, Path privateKey) {
    private static final char[] PASSWORD = "changeit".toCharArray();

    /**
     * Creates an EC P-256 certificate for {@code host} (also valid for localhost and 127.0.0.1), valid 30 days,
     * as {@code <dir>/<host>.crt} and {@code <dir>/<host>.key}. The directory is created if needed.
     */
    public static DevCertificate create(String host, Path dir) {
        try {
            Files.createDirectories(dir);
            Path keystore = dir.resolve(host + ".p12");
            Files.deleteIfExists(keystore);
            String san = (host.matches("[0-9.]+") ? "ip:" : "dns:") + host + ",dns:localhost,ip:127.0.0.1";
            runKeytool(List.of(keytool(), "-genkeypair", "-alias", "gateway", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA", "-validity", "30",
                    "-dname", "CN=" + host, "-ext", "SAN=" + san,
                    "-keystore", keystore.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keystore)) {
                ks.load(in, PASSWORD);
            }
            Certificate cert = ks.getCertificate("gateway");
            PrivateKey key = (PrivateKey) ks.getKey("gateway", PASSWORD);
            Path certFile = dir.resolve(host + ".crt");
            Path keyFile = dir.resolve(host + ".key");
            Files.writeString(certFile, pem("CERTIFICATE", cert.getEncoded()));
            Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
            Files.delete(keystore);
            return new DevCertificate(certFile, keyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a development certificate in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the keystore keytool wrote: " + e.getMessage(), e);
        }
    }

    private static String keytool() {
        Path bin = Path.of(System.getProperty("java.home"), "bin", "keytool");
        return Files.isExecutable(bin) ? bin.toString() : "keytool";
    }

    private static void runKeytool(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool failed: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running keytool", e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
