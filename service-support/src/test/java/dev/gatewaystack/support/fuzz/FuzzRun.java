package dev.gatewaystack.support.fuzz;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.ByteArrayInputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends a corpus and judges every answer: never a 5xx; every 4xx is {@code application/problem+json} with the
 * problem members (or, on the OAuth token and revocation endpoints, {@code application/json} with
 * {@code error}); and there is an answer at all.
 */
public final class FuzzRun {
    /** What the corpus produced: counts by status and every violation. */
    public record Result(int sent, Map<Integer, Integer> byStatus, List<String> serverErrors,
                         List<String> nonProblem4xx, List<String> noAnswer) {
        public boolean ok() {
            return serverErrors.isEmpty() && nonProblem4xx.isEmpty() && noAnswer.isEmpty();
        }

        public void print(PrintStream out, String name) {
            out.printf("%s: %d cases sent; by status %s; 5xx: %d; non-problem 4xx: %d; no answer: %d%n", name,
                    sent, byStatus, serverErrors.size(), nonProblem4xx.size(), noAnswer.size());
            serverErrors.stream().limit(40).forEach(s -> out.println("  5xx: " + s));
            nonProblem4xx.stream().limit(40).forEach(s -> out.println("  non-problem 4xx: " + s));
            noAnswer.stream().limit(40).forEach(s -> out.println("  no answer: " + s));
        }

        public String summary() {
            java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
            print(new PrintStream(b, true, java.nio.charset.StandardCharsets.UTF_8), "fuzz");
            return b.toString(java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private FuzzRun() {
    }

    public static Result run(URI base, List<FuzzCase> cases, int parallelism) {
        RawHttp http = new RawHttp(base, 8_000);
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> serverErrors = new ArrayList<>();
        List<String> nonProblem = new ArrayList<>();
        List<String> noAnswer = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallelism)) {
            List<Future<RawHttp.Response>> answers = new ArrayList<>();
            for (FuzzCase c : cases) {
                answers.add(pool.submit(() -> http.send(c)));
            }
            for (int i = 0; i < cases.size(); i++) {
                FuzzCase c = cases.get(i);
                RawHttp.Response r;
                try {
                    r = answers.get(i).get();
                } catch (Exception e) {
                    r = new RawHttp.Response(0, Map.of(), new byte[0], e.toString());
                }
                byStatus.merge(r.status(), 1, Integer::sum);
                String where = c + " -> " + r.status() + " " + r.header("content-type") + " "
                        + abbreviate(r.failure() != null ? r.failure() : r.bodyText());
                if (r.status() == 0) {
                    noAnswer.add(where);
                } else if (r.status() >= 500) {
                    serverErrors.add(where);
                } else if (r.status() >= 400 && !wellFormedError(c, r)) {
                    nonProblem.add(where);
                }
            }
        }
        return new Result(cases.size(), byStatus, serverErrors, nonProblem, noAnswer);
    }

    static boolean wellFormedError(FuzzCase c, RawHttp.Response r) {
        String type = r.header("content-type");
        if (type == null) {
            return false;
        }
        boolean oauth = c.oauthErrors() && type.startsWith("application/json");
        if (!oauth && !type.startsWith("application/problem+json")) {
            return false;
        }
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(r.body()))) {
            JsonObject body = reader.readObject();
            return oauth ? body.containsKey("error") && body.containsKey("error_description")
                    : body.getInt("status", -1) == r.status() && body.containsKey("title");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        String one = FuzzCase.printable(s.replace("\r", "").replace("\n", " "));
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
