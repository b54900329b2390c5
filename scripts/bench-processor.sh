#!/usr/bin/env bash
# Benchmark of the route processor at scale (a benchmark, not a test: it prints figures and never fails on them).
# Generates BENCH_ROUTES routes (default 1000) in BENCH_SERVICES services (default 10), then compiles the same
# sources with javac, alternately with the processor and with -proc:none, BENCH_RUNS times each (default 5), and
# prints both medians, the processor's overhead (difference of the medians) and the ratio, for wall-clock time
# and for javac's CPU time. Goal: wall overhead <= 1 s.
#
#   scripts/bench-processor.sh            # builds route-processor (package, no tests) first
#   BENCH_SKIP_BUILD=1 scripts/bench-processor.sh
#
# Needs JAVA_HOME at a JDK 21+. Sources and outputs go to route-processor/target/bench (BENCH_DIR to change).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
routes=${BENCH_ROUTES:-1000}
services=${BENCH_SERVICES:-10}
runs=${BENCH_RUNS:-5}
dir=${BENCH_DIR:-$root/route-processor/target/bench}
javac="${JAVA_HOME:?set JAVA_HOME to a JDK 21+}/bin/javac"
per_service=$(( routes / services ))
per_class=10

if [[ -z "${BENCH_SKIP_BUILD:-}" ]]; then
    # The processor's jar and its test classpath (which holds Helidon: the generated routing compiles against it).
    (cd "$root" && ./mvnw -B -q -pl route-processor -am -DskipTests package dependency:build-classpath \
        -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test)
fi
classpath="$root/route-processor/target/classes:$(cat "$root/route-processor/target/bench.classpath")"

rm -rf "$dir" && mkdir -p "$dir/src"
# One route of each kind in turn, so every policy and check is exercised.
route() { # service handler index
    local base="/s$1/h$2/r$3"
    case $(( $3 % 5 )) in
        0) printf '    @Route(path = "%s/{id:[0-9]+}")\n    @Cache(success = "5m", keyHeaders = "Accept-Language")\n    public void h%sr%s(@PathParam("id") long id, ServerResponse res) { }\n' "$base" "$2" "$3" ;;
        1) printf '    @Route(path = "%s", methods = HttpMethod.POST)\n    @RateLimit(rate = "10r/s", burst = 5)\n    @MaxBodySize("64k")\n    public void h%sr%s(ServerRequest req, ServerResponse res) { }\n' "$base" "$2" "$3" ;;
        2) printf '    @Route(path = "%s/{name}")\n    @Timeouts(read = "30s", connect = "2s")\n    public void h%sr%s(@PathParam String name, ServerResponse res) { }\n' "$base" "$2" "$3" ;;
        3) printf '    @Route(path = "%s", match = Match.PREFIX)\n    public void h%sr%s(ServerRequest req, ServerResponse res) { }\n' "$base" "$2" "$3" ;;
        4) printf '    @Route(path = "%s/{id}", methods = HttpMethod.PUT)\n    @Idempotent\n    @Retry(attempts = 3, within = "10s")\n    public void h%sr%s(@PathParam java.util.UUID id, ServerRequest req) { }\n' "$base" "$2" "$3" ;;
    esac
}
for (( s = 0; s < services; s++ )); do
    pkg="bench.s$s"; pdir="$dir/src/bench/s$s"; mkdir -p "$pdir"
    printf '@dev.gatewaystack.route.Upstream(service = "svc-%s", port = 8080)\npackage %s;\n' "$s" "$pkg" \
        > "$pdir/package-info.java"
    for (( h = 0; h < per_service / per_class; h++ )); do
        {
            printf 'package %s;\n\nimport dev.gatewaystack.route.*;\nimport io.helidon.webserver.http.ServerRequest;\nimport io.helidon.webserver.http.ServerResponse;\n\n' "$pkg"
            (( h % 2 == 0 )) && printf '@Cors(origins = "https://app.example.com")\n@Timeouts(send = "20s")\n'
            printf 'public class Handler%s {\n' "$h"
            for (( r = 0; r < per_class; r++ )); do route "$s" "$h" "$r"; done
            printf '}\n'
        } > "$pdir/Handler$h.java"
    done
done
find "$dir/src" -name '*.java' > "$dir/sources.txt"

compile() { # label, extra javac options...; prints "wall-ms cpu-ms" (cpu: user + sys of javac, all threads)
    local label=$1; shift
    rm -rf "$dir/out-$label" && mkdir -p "$dir/out-$label"
    local start end cpu
    start=$(date +%s%N)
    /usr/bin/time -o "$dir/time-$label" -f '%U %S' \
        "$javac" -d "$dir/out-$label" -cp "$classpath" "$@" @"$dir/sources.txt" >&2 || { echo "javac failed" >&2; return 1; }
    end=$(date +%s%N)
    cpu=$(awk '{printf "%d", ($1 + $2) * 1000}' "$dir/time-$label")
    echo "$(( (end - start) / 1000000 )) $cpu"
}
median() { sort -n | awk '{a[NR] = $1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

echo "$(find "$dir/src" -name 'Handler*.java' | wc -l) handler classes, $routes routes, $services services; $runs runs each"
compile warmup -proc:none > /dev/null  # the first javac pays for cold file caches
with=(); without=(); with_cpu=(); without_cpu=()
for (( i = 1; i <= runs; i++ )); do
    read -r wall cpu < <(compile none -proc:none) || exit 1
    without+=("$wall"); without_cpu+=("$cpu")
    read -r wall cpu < <(compile proc -processorpath "$classpath" -processor dev.gatewaystack.route.processor.RouteProcessor) \
        || exit 1
    with+=("$wall"); with_cpu+=("$cpu")
    echo "run $i: -proc:none ${without[-1]} ms (cpu ${without_cpu[-1]} ms), with processor ${with[-1]} ms (cpu ${with_cpu[-1]} ms)"
done
manifests=$(find "$dir/out-proc/META-INF/gateway" -name '*.json' | wc -l)
routes_written=$(cat "$dir"/out-proc/META-INF/gateway/*.json | grep -c '"handler"' || true)
(( manifests == services && routes_written == routes )) \
    || { echo "expected $services manifests with $routes routes, got $manifests with $routes_written" >&2; exit 1; }
m_without=$(printf '%s\n' "${without[@]}" | median)
m_with=$(printf '%s\n' "${with[@]}" | median)
echo "median -proc:none:      $m_without ms"
echo "median with processor:  $m_with ms"
echo "processor overhead:     $(( m_with - m_without )) ms (ratio $(awk -v a="$m_with" -v b="$m_without" 'BEGIN {printf "%.2f", a / b}'))"
c_without=$(printf '%s\n' "${without_cpu[@]}" | median)
c_with=$(printf '%s\n' "${with_cpu[@]}" | median)
echo "cpu (user+sys) medians: $c_without ms vs $c_with ms, overhead $(( c_with - c_without )) ms (wall times on a busy machine are noisy; cpu less so)"
