package dev.gatewaystack.gateway.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * An nginx executable: found via {@code NGINX_BIN}, the {@code PATH}, or {@code /usr/sbin/nginx}; checks configs
 * with {@code nginx -t} and runs nginx in the foreground for tests.
 */
public final class NginxBinary {
    public static final String INSTALL_HINT = "nginx not found: install nginx (apt-get install -y nginx) or set NGINX_BIN";

    private final Path path;

    public NginxBinary(Path path) {
        this.path = path;
    }

    /** The nginx to use, if any: {@code $NGINX_BIN}, then {@code nginx} on the PATH, then /usr/sbin/nginx. */
    public static Optional<NginxBinary> find() {
        String env = System.getenv("NGINX_BIN");
        if (env != null && !env.isBlank()) {
            // An explicit but wrong NGINX_BIN is "not found", never a silent fallback to another nginx.
            Path bin = Path.of(env);
            return Files.isExecutable(bin) ? Optional.of(new NginxBinary(bin)) : Optional.empty();
        }
        String pathVar = System.getenv("PATH");
        if (pathVar != null) {
            for (String dir : pathVar.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, "nginx");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(new NginxBinary(candidate));
                }
            }
        }
        Path sbin = Path.of("/usr/sbin/nginx");
        return Files.isExecutable(sbin) ? Optional.of(new NginxBinary(sbin)) : Optional.empty();
    }

    /** Like {@link #find()}, but fails with {@link #INSTALL_HINT} when there is no nginx. */
    public static NginxBinary require() {
        return find().orElseThrow(() -> new IllegalStateException(INSTALL_HINT));
    }

    public Path path() {
        return path;
    }

    /** Outcome of an nginx command: its exit code and combined output. */
    public record Result(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    /** Runs {@code nginx -t -p <prefix> -c <conf>}. */
    public Result test(Path prefix, Path conf) {
        try {
            Process p = new ProcessBuilder(List.of(path.toString(), "-t", "-p", prefix + "/", "-c", conf.toString()))
                    .redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, output + "\n(nginx -t timed out)");
            }
            return new Result(p.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running nginx -t", e);
        }
    }

    /**
     * Starts {@code nginx -p <prefix> -c <conf> -g 'daemon off;'} and waits until 127.0.0.1:{@code port} accepts
     * connections (or fails with nginx's output if it exits or {@code timeout} passes). Stop it with
     * {@link Running#close()}.
     */
    public Running start(Path prefix, Path conf, int port, Duration timeout) {
        try {
            Path log = Files.createTempFile("nginx-run", ".out");
            Process p = new ProcessBuilder(List.of(path.toString(), "-p", prefix + "/", "-c", conf.toString(),
                    "-g", "daemon off;"))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Running running = new Running(p, log);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("nginx exited with " + p.exitValue() + ":\n" + running.output());
                }
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                    return running;
                } catch (IOException notYet) {
                    Thread.sleep(50);
                }
            }
            running.close();
            throw new IllegalStateException("nginx did not accept connections on port " + port + " within "
                    + timeout + ":\n" + running.output());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting nginx", e);
        }
    }

    /** A running nginx; {@link #close()} stops it (TERM, then KILL after 10 s). */
    public static final class Running implements AutoCloseable {
        private final Process process;
        private final Path log;

        Running(Process process, Path log) {
            this.process = process;
            this.log = log;
        }

        public Process process() {
            return process;
        }

        /** Everything nginx wrote to stdout/stderr so far. */
        public String output() {
            try {
                return Files.readString(log);
            } catch (IOException e) {
                return "(cannot read nginx output: " + e.getMessage() + ")";
            }
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
