#!/usr/bin/env bash
# One lever at a time on the generated gateway config (issue 12): each variant is the generated loopback config
# with one change (scripts/bench/gateway_variants.py), run against a stub upstream (a one-worker nginx answering
# the /api/status JSON), so nothing but the gateway's own work is compared. For each variant: alternating rounds of
# "generated" and "variant", wrk over HTTPS/1.1 keepalive, medians of req/s and of the nginx workers' CPU time per
# request (utime + stime from /proc/<pid>/stat), which a shared machine disturbs far less than req/s.
#
#   scripts/bench/gateway-levers.sh [variant ...]     # default: every variant in gateway_variants.py
#
# Env: LEVER_ROUNDS (3), LEVER_SECONDS (5), LEVER_CONNECTIONS (32), LEVER_DIR (/tmp/gatewaystack-levers),
# LEVER_PORT (18543, the gateway; +1 its http port; +2 the stub upstream). Needs JAVA_HOME, nginx, wrk and the
# gateway module built (gateway/target/classes, gateway/target/generator.classpath).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${LEVER_ROUNDS:-3} SECS=${LEVER_SECONDS:-5} CONNS=${LEVER_CONNECTIONS:-32}
RUN=${LEVER_DIR:-/tmp/gatewaystack-levers} PORT=${LEVER_PORT:-18543}
NGINX=${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
fail() { echo "levers: $*" >&2; exit 1; }
[ -x "${JAVA_HOME:-}/bin/java" ] || fail "set JAVA_HOME to a JDK 21+"
for p in "$PORT" $((PORT + 1)) $((PORT + 2)); do
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null && fail "port $p is taken: set LEVER_PORT (uses it, +1 and +2)"
done
rm -rf "$RUN" && mkdir -p "$RUN/stub" "$RUN/gateway/html"

cat >"$RUN/stub/nginx.conf" <<EOF
worker_processes 1;
pid nginx.pid;
error_log error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$((PORT + 2));
        location / {
            default_type application/json;
            return 200 '{"service":"api-service","status":"UP","instance":"stub"}';
        }
    }
}
EOF
"$NGINX" -p "$RUN/stub" -c "$RUN/stub/nginx.conf"
trap '"$NGINX" -p "$RUN/stub" -c "$RUN/stub/nginx.conf" -s stop 2>/dev/null; [ -f "$RUN/gateway/nginx.pid" ] && kill "$(cat "$RUN/gateway/nginx.pid")" 2>/dev/null; true' EXIT

echo '<!doctype html><title>levers</title>' >"$RUN/gateway/html/index.html"
"$JAVA_HOME/bin/java" -cp "gateway/target/classes:$(cat gateway/target/generator.classpath)" \
    dev.gatewaystack.gateway.GatewayGenerator --target loopback --out "$RUN/gateway/conf" --runtime-dir "$RUN/gateway" \
    --https-port "$PORT" --http-port $((PORT + 1)) --server "api-service=127.0.0.1:$((PORT + 2))" \
    --server "auth-service=127.0.0.1:$((PORT + 2))" >"$RUN/generator.log" 2>&1 || { cat "$RUN/generator.log"; fail "generator failed"; }

VARIANTS=("$@")
[ ${#VARIANTS[@]} -gt 0 ] || mapfile -t VARIANTS < <(python3 scripts/bench/gateway_variants.py --list)
for v in generated "${VARIANTS[@]}"; do
    python3 scripts/bench/gateway_variants.py "$v" <"$RUN/gateway/conf/nginx.conf" >"$RUN/gateway/conf/$v.conf"
    "$NGINX" -t -q -p "$RUN/gateway" -c "$RUN/gateway/conf/$v.conf" || fail "variant $v is not a valid config"
done

# One run of conf: prints "req/s cpu-µs-per-request"
run() {
    "$NGINX" -p "$RUN/gateway" -c "$RUN/gateway/conf/$1.conf"
    local i
    for i in $(seq 50); do curl -fsk -o /dev/null "https://127.0.0.1:$PORT/api/status" && break; sleep 0.05; done
    wrk -t1 -c"$CONNS" -d1s "https://127.0.0.1:$PORT/api/status" >/dev/null # warm-up
    local workers t0 t1 out rps
    workers=$(pgrep -P "$(cat "$RUN/gateway/nginx.pid")" | tr '\n' ' ')
    t0=$(for p in $workers; do awk '{print $14 + $15}' "/proc/$p/stat"; done | paste -sd+ | bc)
    out=$(wrk -t1 -c"$CONNS" -d"${SECS}s" "https://127.0.0.1:$PORT/api/status")
    t1=$(for p in $workers; do awk '{print $14 + $15}' "/proc/$p/stat"; done | paste -sd+ | bc)
    echo "$out" | grep -q 'Non-2xx' && fail "non-2xx answers with $1"
    rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
    kill -QUIT "$(cat "$RUN/gateway/nginx.pid")"
    while [ -f "$RUN/gateway/nginx.pid" ]; do sleep 0.05; done
    python3 -c "print($rps, round(($t1 - $t0) / $(getconf CLK_TCK) / ($rps * $SECS) * 1e6, 2))"
}
median() { python3 -c 'import statistics,sys; print(statistics.median(map(float, sys.argv[1:])))' "$@"; }

printf '| variant | req/s generated | req/s variant | ratio | nginx CPU µs/req generated | variant | ratio |\n|---|---|---|---|---|---|---|\n'
for v in "${VARIANTS[@]}"; do
    ga=() gc=() va=() vc=()
    for ((r = 0; r < ROUNDS; r++)); do
        if ((r % 2 == 0)); then read -r a c < <(run generated); read -r b d < <(run "$v")
        else read -r b d < <(run "$v"); read -r a c < <(run generated); fi
        ga+=("$a") gc+=("$c") va+=("$b") vc+=("$d")
    done
    mg=$(median "${ga[@]}") mv=$(median "${va[@]}") cg=$(median "${gc[@]}") cv=$(median "${vc[@]}")
    python3 -c "print(f'| $v | {$mg:.0f} | {$mv:.0f} | {$mv / $mg:.2f} | {$cg:.1f} | {$cv:.1f} | {$cv / $cg:.2f} |')"
done
echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $ROUNDS rounds x $SECS s, $CONNS connections"
