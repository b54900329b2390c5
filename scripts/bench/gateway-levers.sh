#!/usr/bin/env bash
# One lever at a time on the generated gateway config (issue 12): each variant is the generated loopback config
# with one change (scripts/bench/gateway_variants.py), run against a stub upstream (a one-worker nginx answering
# the /api/status JSON), so nothing but the gateway's own work is compared. For each variant: alternating rounds of
# "generated" and "variant", wrk over HTTPS/1.1 keepalive, medians of req/s and of the nginx workers' CPU time per
# request (utime + stime from /proc/<pid>/stat), which a shared machine disturbs far less than req/s.
#
#   scripts/bench/gateway-levers.sh [variant ...]     # default: every variant in gateway_variants.py
#   LEVER_MEASURE=instructions scripts/bench/gateway-levers.sh [variant ...]
#
# The second form counts instead of timing: each config, and the lean proxy (scripts/bench/lean-proxy.conf) for
# reference, runs as one nginx process under valgrind's callgrind, and the instructions it executes per request are
# (count after 5,000 requests - count after 1,000) / 4,000 on the same two keepalive connections, so the TLS
# handshakes cancel out. Instructions are exact and repeatable on a shared machine; they leave out the kernel's work
# (the sockets, the log's write), which is the same for every variant but the log ones.
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

if [ "${LEVER_MEASURE:-time}" = instructions ]; then
    command -v valgrind >/dev/null && command -v callgrind_control >/dev/null && command -v h2load >/dev/null \
        || fail "LEVER_MEASURE=instructions needs valgrind and h2load: apt-get install valgrind nghttp2-client"
    mkdir -p "$RUN/lean"
    sed -e "s#@UPSTREAM@#127.0.0.1:$((PORT + 2))#; s#@PORT@#$PORT#; s#@STATIC@#$RUN/lean#" \
        -e "s#@CERT@#$(awk '$1 == "ssl_certificate" {sub(";", "", $2); print $2; exit}' "$RUN/gateway/conf/nginx.conf")#" \
        -e "s#@KEY@#$(awk '$1 == "ssl_certificate_key" {sub(";", "", $2); print $2; exit}' "$RUN/gateway/conf/nginx.conf")#" \
        scripts/bench/lean-proxy.conf >"$RUN/gateway/conf/lean-proxy.conf"
fi

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

# One config under callgrind: prints its instructions per request (see the header).
instructions() {
    local conf="$RUN/gateway/conf/$1.conf" single="$RUN/gateway/conf/$1.single.conf" out="$RUN/callgrind.$1" vg i
    sed 's/^worker_processes [^;]*;/worker_processes 1; master_process off; daemon off;/' "$conf" >"$single"
    rm -f "$out"*
    valgrind --tool=callgrind --callgrind-out-file="$out" "$NGINX" -p "$RUN/gateway" -c "$single" 2>"$out.log" &
    vg=$!
    for i in $(seq 300); do curl -fsk -o /dev/null "https://127.0.0.1:$PORT/api/status" && break; sleep 0.1; done
    local counts=()
    for n in 1000 5000; do
        callgrind_control -z "$vg" >/dev/null 2>&1
        h2load --h1 -n "$n" -c 2 "https://127.0.0.1:$PORT/api/status" | grep -q "$n succeeded" || fail "h2load failed on $1"
        callgrind_control -d "$1-$n" "$vg" >/dev/null 2>&1
    done
    kill -QUIT "$vg" # nginx's graceful stop: callgrind writes its last dump and exits with nginx's status, 0
    wait "$vg" || fail "nginx under callgrind exited with status $? on $1 (see $out.log)"
    for f in "$out".[0-9]*; do counts+=("$(awk '/^summary:|^totals:/ {print $2; exit}' "$f")"); done
    [ ${#counts[@]} -eq 2 ] || fail "callgrind wrote ${#counts[@]} dumps for $1, not 2 (see $out.log)"
    python3 -c "import sys; print(round((int(sys.argv[2]) - int(sys.argv[1])) / 4000))" "${counts[@]}"
}

if [ "${LEVER_MEASURE:-time}" = instructions ]; then
    lean=$(instructions lean-proxy) generated=$(instructions generated)
    printf '| config | nginx instructions per request | ÷ lean proxy | - generated |\n|---|---|---|---|\n'
    printf '| lean proxy | %s | 1.00 | |\n| generated | %s | %s | |\n' "$lean" "$generated" \
        "$(python3 -c "print(f'{$generated / $lean:.2f}')")"
    for v in "${VARIANTS[@]}"; do
        n=$(instructions "$v")
        python3 -c "print(f'| $v | $n | {$n / $lean:.2f} | {$n - $generated:+d} |')"
    done
    echo "$(date -u +%Y-%m-%dT%H:%MZ), nginx $("$NGINX" -v 2>&1 | cut -d/ -f2), callgrind; GET /api/status over HTTPS/1.1 keepalive"
    exit 0
fi

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
