package dev.gatewaystack.gateway.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Debian's mtail ({@code $MTAIL_BIN}, else /usr/bin/mtail; {@code apt-get install -y mtail}) run in its one-shot
 * mode: compile the programs of a directory, read a log from start to end, print the metrics in Prometheus format.
 */
final class MtailOneShot {
    private MtailOneShot() {
    }

    static Path binary() {
        String env = System.getenv("MTAIL_BIN");
        Path bin = Path.of(env == null || env.isBlank() ? "/usr/bin/mtail" : env);
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(bin + " not found: the gateway's metrics test runs Debian's mtail"
                    + " (apt-get install -y mtail, or set MTAIL_BIN)");
        }
        return bin;
    }

    /** Sample value by {@code name{label="value",...}} with labels sorted by name, as mtail printed them. */
    static Map<String, Double> run(Path programs, Path log) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary().toString(), "--progs", programs.toString(), "--logs", log.toString(),
                "--one_shot", "--one_shot_format=prometheus", "--emit_prog_label=false", "--logtostderr")
                .redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("mtail failed (" + p.exitValue() + "):\n" + err);
        }
        Map<String, Double> samples = new TreeMap<>();
        for (String line : new String(out, StandardCharsets.UTF_8).lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(canonical(line.substring(0, space)), Double.parseDouble(line.substring(space + 1)));
        }
        return samples;
    }

    /** {@code name{b="2",a="1"}} → {@code name{a="1",b="2"}}. */
    static String canonical(String series) {
        int brace = series.indexOf('{');
        if (brace < 0) {
            return series;
        }
        Map<String, String> labels = new TreeMap<>();
        for (String pair : series.substring(brace + 1, series.lastIndexOf('}')).split(",(?=[a-z_]+=\")")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                labels.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        StringBuilder b = new StringBuilder(series.substring(0, brace)).append('{');
        labels.forEach((k, v) -> b.append(b.charAt(b.length() - 1) == '{' ? "" : ",").append(k).append('=').append(v));
        return b.append('}').toString();
    }

    static String series(String name, String... labelPairs) {
        StringBuilder b = new StringBuilder(name).append('{');
        for (int i = 0; i < labelPairs.length; i += 2) {
            b.append(i == 0 ? "" : ",").append(labelPairs[i]).append("=\"").append(labelPairs[i + 1]).append('"');
        }
        return canonical(b.append('}').toString());
    }
}
