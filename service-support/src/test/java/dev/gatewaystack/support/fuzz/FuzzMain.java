package dev.gatewaystack.support.fuzz;

import dev.gatewaystack.route.model.ManifestFiles;
import dev.gatewaystack.route.model.ServiceManifest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fuzz corpus against a running stack:
 * {@code FuzzMain <base-url> <manifest.json>...}, e.g. the gateway {@code https://localhost:8443} (any certificate
 * is accepted). Environment: {@code FUZZ_TOKEN} (an access token: every case is also sent with it),
 * {@code FUZZ_PATH_VALUES} ({@code id=<uuid>,...}: values for path parameters), {@code FUZZ_PARALLELISM} (4),
 * {@code FUZZ_EVERY} (1: every case; n: every n-th case of each route, so a shorter run still reaches every route).
 * Prints the counts; exits 1 on any 5xx, any 4xx that is not a problem (or an OAuth error on the OAuth
 * endpoints), or a request left without an answer.
 */
public final class FuzzMain {
    private FuzzMain() {
    }

    public static void main(String[] args) {
        if (args.length < 2) {
            System.err.println("usage: FuzzMain <base-url> <manifest.json>...");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        List<FuzzCorpus.Caller> callers = new ArrayList<>(List.of(FuzzCorpus.Caller.anonymous()));
        String token = System.getenv("FUZZ_TOKEN");
        if (token != null && !token.isBlank()) {
            callers.add(FuzzCorpus.Caller.bearer(token.strip()));
        }
        Map<String, String> pathValues = new LinkedHashMap<>();
        String values = System.getenv().getOrDefault("FUZZ_PATH_VALUES", "");
        for (String pair : values.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                pathValues.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        pathValues.putIfAbsent("id", "00000000-0000-0000-0000-000000000000");
        int parallelism = Integer.parseInt(System.getenv().getOrDefault("FUZZ_PARALLELISM", "4"));
        int every = Integer.parseInt(System.getenv().getOrDefault("FUZZ_EVERY", "1"));
        boolean ok = true;
        for (int i = 1; i < args.length; i++) {
            ServiceManifest manifest = read(Path.of(args[i]));
            List<FuzzCase> cases = everyNthOfEachRoute(FuzzCorpus.cases(manifest.routes(), pathValues, callers),
                    every);
            FuzzRun.Result result = FuzzRun.run(base, cases, parallelism);
            result.print(System.out, manifest.service() + " via " + base);
            ok &= result.ok();
        }
        System.exit(ok ? 0 : 1);
    }

    private static ServiceManifest read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return ManifestFiles.fromJson(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<FuzzCase> everyNthOfEachRoute(List<FuzzCase> cases, int n) {
        if (n <= 1) {
            return cases;
        }
        Map<String, Integer> seen = new HashMap<>();
        List<FuzzCase> kept = new ArrayList<>();
        for (FuzzCase c : cases) {
            if (seen.merge(c.routeId(), 1, Integer::sum) % n == 1) {
                kept.add(c);
            }
        }
        return kept;
    }
}
