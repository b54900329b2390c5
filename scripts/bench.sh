#!/usr/bin/env bash
# Side-by-side benchmark of the gateway and the services on loopback (issue 12); not part of scripts/test.sh.
#
#   scripts/bench.sh            # full run: 5 alternating rounds of 10 s per comparison (~15 min)
#   scripts/bench.sh --quick    # smoke run: 2 rounds of 2 s, 2 start-ups per service (~2 min)
#
# Starts, all on 127.0.0.1 and all stopped again on exit: a private PostgreSQL cluster (initdb in a temp dir),
# api-service and auth-service from their jars, nginx with the generator's loopback config ("the gateway"), a
# minimal hand-written nginx TLS reverse proxy (same certificate, same upstream, no logs: "the lean proxy"), and the
# Express peer (scripts/bench/express-peer, Node cluster of 2 workers). Each comparison runs A and B in alternating
# rounds (A,B then B,A ...) and prints the medians and their ratio, then start-up (java -jar to first 200), shut-down
# (SIGTERM to exit) and RSS after load.
#
# Tokens: the Express peer publishes the bench's RSA key as a JWKS (and an empty revocation list); api-service is
# pointed at it, so both check the same RS256 tokens against the same key with the same rules.
# Brokers: the shared test servers of scripts/test-servers.sh (source /tmp/test-env.sh first), in a RabbitMQ vhost
# and Kafka topic of their own; without them (BENCH_BROKERS=none) the services run with their brokers unreachable.
#
# Needs: root (PostgreSQL runs as the postgres user), JAVA_HOME at a JDK 21+, nginx, wrk, h2load, node + npm, curl,
# openssl, and `./mvnw -B -q package -DskipTests -pl api-service,auth-service,gateway -am` done first.
# Ports (env): BENCH_PG_PORT 18400, BENCH_API_PORT 18401 (its /observe socket +1), BENCH_AUTH_PORT 18403 (+1),
# BENCH_GATEWAY_PORT 18443 (its http redirect port: BENCH_GATEWAY_HTTP_PORT 18480), BENCH_PROXY_PORT 18444,
# BENCH_PEER_PORT 18300. Other knobs: BENCH_DIR (/tmp/gatewaystack-bench), BENCH_ROUNDS, BENCH_SECONDS,
# BENCH_CONNECTIONS (wrk/h2load clients, 32), BENCH_RATE (requests/s of the fixed-rate latency run, 500),
# BENCH_JAVA_OPTS (JVM flags; default: each image's JAVA_TOOL_OPTIONS from <service>/Dockerfile),
# BENCH_AOT=1 (a training run of each service first, -XX:AOTCacheOutput, then every start with -XX:AOTCache: JDK 25),
# BENCH_ONLY=startup (stop after the start-up and shut-down figures), BENCH_COMPARE (only these comparisons, by key:
# gw_direct gw_lean gw_h2 lean_h2 latency cache status_express refdata_express account_express),
# BENCH_GATEWAY_CONF (run this nginx.conf instead of the generated one: for measuring one lever at a time).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

QUICK=false
[ "${1:-}" = "--quick" ] && QUICK=true
if $QUICK; then ROUNDS=${BENCH_ROUNDS:-2}; SECS=${BENCH_SECONDS:-2}; STARTS=${BENCH_STARTS:-2}
else ROUNDS=${BENCH_ROUNDS:-5}; SECS=${BENCH_SECONDS:-10}; STARTS=${BENCH_STARTS:-5}; fi
CONNS=${BENCH_CONNECTIONS:-32}
RATE=${BENCH_RATE:-500}
RUN=${BENCH_DIR:-/tmp/gatewaystack-bench}
PG_PORT=${BENCH_PG_PORT:-18400}
API_PORT=${BENCH_API_PORT:-18401}
AUTH_PORT=${BENCH_AUTH_PORT:-18403}
GW_PORT=${BENCH_GATEWAY_PORT:-18443}
GW_HTTP_PORT=${BENCH_GATEWAY_HTTP_PORT:-18480}
PROXY_PORT=${BENCH_PROXY_PORT:-18444}
PEER_PORT=${BENCH_PEER_PORT:-18300}
ISSUER="https://localhost:$GW_PORT"
PEER="$ROOT/scripts/bench/express-peer"

say() { echo "bench: $*" >&2; }
fail() { echo "bench: $*" >&2; exit 1; }

# ---------------------------------------------------------------- checks
[ "$(id -u)" = 0 ] || fail "run as root: the private PostgreSQL cluster runs as the postgres user"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] || fail "set JAVA_HOME to a JDK 21+ (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)"
JAVA=$JAVA_HOME/bin/java
NGINX=${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
PGBIN=${BENCH_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
for tool in curl wrk h2load node npm openssl python3 "$NGINX" "$PGBIN/initdb"; do
    command -v "$tool" >/dev/null || fail "$tool is not installed (see the header of $0)"
done
for f in api-service/target/api-service.jar auth-service/target/auth-service.jar gateway/target/generator.classpath; do
    [ -e "$f" ] || fail "$f is missing: run ./mvnw -B -q package -DskipTests -pl api-service,auth-service,gateway -am first"
done
port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for var in BENCH_PG_PORT:$PG_PORT BENCH_API_PORT:$API_PORT "BENCH_API_PORT(+1, its /observe socket):$((API_PORT + 1))" \
    BENCH_AUTH_PORT:$AUTH_PORT "BENCH_AUTH_PORT(+1, its /observe socket):$((AUTH_PORT + 1))" BENCH_GATEWAY_PORT:$GW_PORT \
    BENCH_GATEWAY_HTTP_PORT:$GW_HTTP_PORT BENCH_PROXY_PORT:$PROXY_PORT BENCH_PEER_PORT:$PEER_PORT; do
    port=${var##*:}
    port_taken "$port" && fail "port $port is taken: set ${var%%:*} to a free port"
done
# The JVM flags of a service: BENCH_JAVA_OPTS, else its image's JAVA_TOOL_OPTIONS.
jvm_flags() { echo "${BENCH_JAVA_OPTS:-$(sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' "$1/Dockerfile")}"; }

# ---------------------------------------------------------------- processes (all stopped on exit)
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    [ -f "$RUN/gateway/nginx.pid" ] && "$NGINX" -p "$RUN/gateway" -c "$(gateway_conf)" -s stop 2>/dev/null || true
    [ -f "$RUN/proxy/nginx.pid" ] && "$NGINX" -p "$RUN/proxy" -c "$RUN/proxy/nginx.conf" -s stop 2>/dev/null || true
    [ -d "$RUN/pg" ] && su postgres -c "$PGBIN/pg_ctl -D $RUN/pg/data -m immediate stop" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap 'exit 143' INT TERM # so that an interrupted run still stops what it started
gateway_conf() { echo "${BENCH_GATEWAY_CONF:-$RUN/gateway/conf/nginx.conf}"; }

rm -rf "$RUN" && mkdir -p "$RUN/logs" "$RUN/pg"
# The jars (and their libs/) are copied first, so a build during the run cannot change what is measured.
for s in api-service auth-service; do mkdir -p "$RUN/jars/$s" && cp -r "$s/target/$s.jar" "$s/target/libs" "$RUN/jars/$s/"; done
now_ms() { echo $(($(date +%s%N) / 1000000)); }
wait_200() { # url seconds what log
    local deadline=$((SECONDS + $2))
    until curl -fsk -o /dev/null "$1"; do
        [ $SECONDS -ge "$deadline" ] && { tail -n 30 "$4" >&2; fail "$3 did not answer $1 within $2 s (log: $4)"; }
        sleep 0.01
    done
}

# PostgreSQL: a throw-away cluster, trust auth on 127.0.0.1 only.
say "private PostgreSQL on 127.0.0.1:$PG_PORT"
chown postgres "$RUN/pg"
su postgres -c "$PGBIN/initdb -D $RUN/pg/data -U bench -A trust" >"$RUN/logs/initdb.log" 2>&1
su postgres -c "$PGBIN/pg_ctl -D $RUN/pg/data -l $RUN/pg/pg.log -w -o '-p $PG_PORT -k $RUN/pg -c listen_addresses=127.0.0.1 -c max_connections=100' start" >&2
psql -q -h 127.0.0.1 -p "$PG_PORT" -U bench -d postgres -c "CREATE DATABASE ledger" -c "CREATE DATABASE auth" >&2
JDBC="jdbc:postgresql://127.0.0.1:$PG_PORT"

# Brokers: the shared test servers in a corner of their own, or none.
if [ "${BENCH_BROKERS:-shared}" = shared ] && [ -n "${TEST_KAFKA_BOOTSTRAP:-}" ] && command -v rabbitmqctl >/dev/null; then
    rabbitmqctl -q add_vhost bench >/dev/null 2>&1 || true
    rabbitmqctl -q set_permissions -p bench gatewaystack ".*" ".*" ".*" >/dev/null
    MQ=amqp://gatewaystack:gatewaystack@127.0.0.1:5672/bench KAFKA=$TEST_KAFKA_BOOTSTRAP
    say "brokers: the shared test servers (RabbitMQ vhost bench, Kafka topic bench.ledger.transactions)"
else
    MQ=amqp://guest:guest@127.0.0.1:1/%2F KAFKA=127.0.0.1:1
    say "brokers: none (unreachable addresses); source /tmp/test-env.sh to use the shared test servers"
fi

# The Express peer (also the bench's JWKS and revocation list).
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$RUN/signing.pem" 2>/dev/null
[ -d "$PEER/node_modules" ] || (cd "$PEER" && npm ci --no-audit --no-fund >&2)
say "Express peer on 127.0.0.1:$PEER_PORT"
PEER_PORT=$PEER_PORT PEER_SIGNING_KEY=$RUN/signing.pem PEER_ISSUER=$ISSUER PEER_REFERENCE_DATA=$RUN/reference-data.json \
    PEER_DATABASE_URL="postgres://bench@127.0.0.1:$PG_PORT/ledger" node "$PEER/server.mjs" >"$RUN/logs/peer.log" 2>&1 &
PIDS+=($!)
wait_200 "http://127.0.0.1:$PEER_PORT/api/status" 20 "the Express peer" "$RUN/logs/peer.log"

api_env() {
    echo SERVER_HOST=127.0.0.1 SERVER_PORT=$API_PORT SERVER_SOCKETS_0_HOST=127.0.0.1 \
        SERVER_SOCKETS_0_PORT=$((API_PORT + 1)) APP_INSTANCE=api-1 AUTH_ISSUER=$ISSUER \
        AUTH_JWKS_dash_URI=http://127.0.0.1:$PEER_PORT/bench/jwks \
        AUTH_REVOCATIONS_dash_URI=http://127.0.0.1:$PEER_PORT/bench/revoked \
        DB_CONNECTION_URL=$JDBC/ledger DB_CONNECTION_USERNAME=bench DB_CONNECTION_PASSWORD=bench \
        KAFKA_BOOTSTRAP=$KAFKA KAFKA_TOPIC=bench.ledger.transactions KAFKA_GROUP=bench.read-model RABBITMQ_URI=$MQ
}
auth_env() {
    echo SERVER_HOST=127.0.0.1 SERVER_PORT=$AUTH_PORT SERVER_SOCKETS_0_HOST=127.0.0.1 \
        SERVER_SOCKETS_0_PORT=$((AUTH_PORT + 1)) APP_INSTANCE=auth-1 DB_URL=$JDBC/auth DB_USER=bench DB_PASSWORD=bench \
        RABBITMQ_URI=$MQ AUTH_ISSUER=$ISSUER AUTH_SPA_REDIRECTS=$ISSUER/callback AUTH_SPA_LOGOUT_REDIRECTS=$ISSUER/
}
start_java() { # name jar env-function [extra JVM flags] -> pid in $STARTED
    local aot=()
    [ -f "$RUN/jars/$1/app.aot" ] && aot=(-XX:AOTCache="$RUN/jars/$1/app.aot")
    # shellcheck disable=SC2046,SC2086
    env $($3) $(grep -o 'MALLOC_ARENA_MAX=[0-9]*' "$1/Dockerfile" || true) "$JAVA" $(jvm_flags "$1") "${aot[@]}" ${4:-} -jar "$2" >>"$RUN/logs/$1.log" 2>&1 &
    STARTED=$!
}
# BENCH_AOT=1: one training run per service (start, a few requests of each kind, SIGTERM); the JVM writes the AOT
# cache at exit, and every later start of that service uses it.
aot_train() { # name jar env-function url...
    local name=$1 jar=$2 envf=$3 url; shift 3
    start_java "$name" "$jar" "$envf" "-XX:AOTCacheOutput=$RUN/jars/$name/app.aot"
    wait_200 "$1" 120 "$name (AOT training run)" "$RUN/logs/$name.log"
    for url in "$@"; do for _ in $(seq 200); do curl -fs -o /dev/null "$url" || true; done; done
    kill -TERM "$STARTED"; wait "$STARTED" 2>/dev/null || true
    [ -f "$RUN/jars/$name/app.aot" ] || fail "$name wrote no AOT cache (log: $RUN/logs/$name.log)"
}

# ---------------------------------------------------------------- start-up and shut-down, median of $STARTS
declare -A RESULT
median() { python3 -c 'import statistics,sys; v=[float(x) for x in sys.argv[1:]]; print(statistics.median(v) if v else "nan")' "$@"; }
startup() { # name jar env-function status-url
    local i t0 t1 starts=() stops=()
    for ((i = 0; i < STARTS; i++)); do
        t0=$(now_ms)
        start_java "$1" "$2" "$3"
        wait_200 "$4" 120 "$1" "$RUN/logs/$1.log"
        t1=$(now_ms); starts+=($((t1 - t0)))
        kill -TERM "$STARTED"; t0=$(now_ms)
        wait "$STARTED" 2>/dev/null || true
        t1=$(now_ms); stops+=($((t1 - t0)))
    done
    RESULT[$1.start]=$(median "${starts[@]}"); RESULT[$1.stop]=$(median "${stops[@]}")
    say "$1: start-up ${starts[*]} ms, shut-down ${stops[*]} ms"
}
if [ "${BENCH_AOT:-0}" = 1 ]; then
    say "AOT training runs"
    aot_train api-service "$RUN/jars/api-service/api-service.jar" api_env "http://127.0.0.1:$API_PORT/api/status" \
        "http://127.0.0.1:$API_PORT/api/reference-data" "http://127.0.0.1:$API_PORT/api/accounts"
    aot_train auth-service "$RUN/jars/auth-service/auth-service.jar" auth_env "http://127.0.0.1:$AUTH_PORT/auth/status" \
        "http://127.0.0.1:$AUTH_PORT/.well-known/openid-configuration" "http://127.0.0.1:$AUTH_PORT/oauth2/jwks"
fi
say "start-up and shut-down, $STARTS times each"
startup api-service "$RUN/jars/api-service/api-service.jar" api_env "http://127.0.0.1:$API_PORT/api/status"
startup auth-service "$RUN/jars/auth-service/auth-service.jar" auth_env "http://127.0.0.1:$AUTH_PORT/auth/status"
if [ "${BENCH_ONLY:-}" = startup ]; then # start-up and shut-down only
    echo "| \`java -jar\` to first 200, median of $STARTS (ms): api-service / auth-service | ${RESULT[api-service.start]} | ${RESULT[auth-service.start]} |"
    echo "| SIGTERM to exit, median of $STARTS (ms): api-service / auth-service | ${RESULT[api-service.stop]} | ${RESULT[auth-service.stop]} |"
    echo "$(date -u +%Y-%m-%dT%H:%MZ), load average $(cut -d' ' -f1-3 /proc/loadavg), brokers ${BENCH_BROKERS:-shared}, AOT cache ${BENCH_AOT:-0}"
    exit 0
fi

# ---------------------------------------------------------------- the stack under test
start_java api-service "$RUN/jars/api-service/api-service.jar" api_env; API_PID=$STARTED; PIDS+=($API_PID)
start_java auth-service "$RUN/jars/auth-service/auth-service.jar" auth_env; AUTH_PID=$STARTED; PIDS+=($AUTH_PID)
wait_200 "http://127.0.0.1:$API_PORT/api/status" 120 api-service "$RUN/logs/api-service.log"
wait_200 "http://127.0.0.1:$AUTH_PORT/auth/status" 120 auth-service "$RUN/logs/auth-service.log"
curl -fs -o "$RUN/reference-data.json" "http://127.0.0.1:$API_PORT/api/reference-data"

TOKEN=$(node "$PEER/mint-token.mjs" "$RUN/signing.pem" "$ISSUER" bench-user)
ACCOUNT=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"name":"bench","currency":"EUR"}' "http://127.0.0.1:$API_PORT/api/accounts" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])') \
    || fail "could not create the bench account through api-service (log: $RUN/logs/api-service.log)"

say "gateway (generated loopback config) on 127.0.0.1:$GW_PORT"
mkdir -p "$RUN/gateway/html" && echo '<!doctype html><title>bench</title>' >"$RUN/gateway/html/index.html"
"$JAVA" -cp "gateway/target/classes:$(cat gateway/target/generator.classpath)" dev.gatewaystack.gateway.GatewayGenerator \
    --target loopback --out "$RUN/gateway/conf" --runtime-dir "$RUN/gateway" --https-port "$GW_PORT" \
    --http-port "$GW_HTTP_PORT" --server "api-service=127.0.0.1:$API_PORT" \
    --server "auth-service=127.0.0.1:$AUTH_PORT" >"$RUN/logs/generator.log" 2>&1 \
    || { cat "$RUN/logs/generator.log" >&2; fail "the gateway generator failed"; }
"$NGINX" -p "$RUN/gateway" -c "$(gateway_conf)" >&2
wait_200 "https://127.0.0.1:$GW_PORT/api/status" 20 "the gateway" "$RUN/gateway/error.log"

say "lean proxy (hand-written nginx TLS reverse proxy, same certificate and upstream) on 127.0.0.1:$PROXY_PORT"
mkdir -p "$RUN/proxy/static/static" && cp "$RUN/reference-data.json" "$RUN/proxy/static/static/"
sed -e "s|@PORT@|$PROXY_PORT|; s|@UPSTREAM@|127.0.0.1:$API_PORT|; s|@CERT@|$RUN/gateway/certs/localhost.crt|" \
    -e "s|@KEY@|$RUN/gateway/certs/localhost.key|; s|@STATIC@|$RUN/proxy/static|" \
    scripts/bench/lean-proxy.conf >"$RUN/proxy/nginx.conf"
"$NGINX" -p "$RUN/proxy" -c "$RUN/proxy/nginx.conf" >&2
wait_200 "https://127.0.0.1:$PROXY_PORT/api/status" 20 "the lean proxy" "$RUN/proxy/error.log"
# Warm the gateway's cache: the reference-data rows compare cache HITs.
curl -fsk -o /dev/null "https://127.0.0.1:$GW_PORT/api/reference-data"

# ---------------------------------------------------------------- load generators
GW=https://127.0.0.1:$GW_PORT DIRECT=http://127.0.0.1:$API_PORT LEAN=https://127.0.0.1:$PROXY_PORT
EXPRESS=http://127.0.0.1:$PEER_PORT
AUTHZ="Authorization: Bearer $TOKEN"
wrk_rps() { # url [header]
    local out
    out=$(wrk -t1 -c"$CONNS" -d"${SECS}s" ${2:+-H "$2"} "$1")
    echo "$out" | grep -q 'Non-2xx' && { echo "$out" >&2; fail "non-2xx answers from $1"; }
    echo "$out" | awk '/^Requests\/sec/ {print $2}'
}
H2_CONNS=4
h2_rps() { # url [header] -- HTTP/2, $CONNS streams over $H2_CONNS connections
    # h2load does not reopen a connection the server closes: nginx closes one after keepalive_requests (100,000
    # in the generated config; a browser just opens another), and at 20,000 req/s on two connections a 10 s round
    # hit that and measured 200,000 requests / 10 s. Four connections carry 40,000 req/s for 10 s under it, and
    # a round that still reaches it says so instead of passing a capped rate off as the gateway's.
    local out done
    out=$(h2load -c"$H2_CONNS" -m"$((CONNS / H2_CONNS))" -D"$SECS" ${2:+-H "$2"} "$1" 2>&1)
    echo "$out" | awk '/^status codes/ {bad = $7 + $9} END {exit bad > 0}' || { echo "$out" >&2; fail "non-2xx answers from $1"; }
    done=$(echo "$out" | awk '/^requests:/ {print $8}')
    [ "$done" -lt $((H2_CONNS * 99000)) ] || echo "bench: WARNING: $1 reached keepalive_requests on every h2 connection; its rate is capped (lower BENCH_SECONDS)" >&2
    echo "$out" | awk '/^finished in/ {print $4}'
}
h1_via_h2load_rps() { # url -- HTTP/1.1 with the same client, for the h2 row's direct side
    h2load --h1 -c2 -m1 -D"$SECS" "$1" 2>&1 | awk '/^finished in/ {print $4}'
}
p50_ms() { # url -- one keepalive connection at $RATE requests/s; the median of the per-request times
    local log=$RUN/latency.log
    rm -f "$log"
    h2load --h1 -c1 --rps="$RATE" -D"$SECS" --log-file="$log" "$1" >/dev/null 2>&1
    awk '{print $3 / 1000}' "$log" | sort -n | awk '{v[NR] = $1} END {print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2)}'
}
# CPU time of processes (utime + stime, clock ticks) from /proc/<pid>/stat
cpu_ticks() { local t=0 p; for p in "$@"; do t=$((t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0))); done; echo $t; }
nginx_workers() { pgrep -P "$(cat "$1/nginx.pid")" | tr '\n' ' '; }

# One comparison: A and B alternating for $ROUNDS rounds; stores medians and the ratio A/B.
compare() { # key label fn-a a-args fn-b b-args  (args are ;-separated)
    local key=$1 label=$2 fa=$3 fb=$5 a=() b=() r va vb
    if [ -n "${BENCH_COMPARE:-}" ] && [[ " $BENCH_COMPARE " != *" $key "* ]]; then return 0; fi
    IFS=';' read -r -a aa <<<"$4"; IFS=';' read -r -a ba <<<"$6"
    $fa "${aa[@]}" >/dev/null; $fb "${ba[@]}" >/dev/null # warm-up
    for ((r = 0; r < ROUNDS; r++)); do
        if ((r % 2 == 0)); then va=$($fa "${aa[@]}"); vb=$($fb "${ba[@]}"); else vb=$($fb "${ba[@]}"); va=$($fa "${aa[@]}"); fi
        a+=("$va"); b+=("$vb")
    done
    RESULT[$key.a]=$(median "${a[@]}"); RESULT[$key.b]=$(median "${b[@]}")
    RESULT[$key.label]=$label
    say "$label: A ${a[*]} | B ${b[*]}"
}

say "comparisons: $ROUNDS alternating rounds of $SECS s, $CONNS connections"
compare gw_direct "gateway HTTPS ÷ direct HTTP, GET /api/status, HTTP/1.1 keepalive (req/s)" wrk_rps "$GW/api/status" wrk_rps "$DIRECT/api/status"
compare gw_lean "gateway ÷ lean nginx TLS proxy, GET /api/status, HTTP/1.1 (req/s)" wrk_rps "$GW/api/status" wrk_rps "$LEAN/api/status"
compare gw_h2 "gateway HTTP/2 ÷ direct HTTP/1.1, GET /api/status, h2load (req/s)" h2_rps "$GW/api/status" h1_via_h2load_rps "$DIRECT/api/status"
compare lean_h2 "lean proxy HTTP/2 ÷ direct HTTP/1.1 (req/s)" h2_rps "$LEAN/api/status" h1_via_h2load_rps "$DIRECT/api/status"
compare latency "p50 latency at $RATE req/s, one connection: gateway vs direct (ms; ratio = added ms)" p50_ms "$GW/api/status" p50_ms "$DIRECT/api/status"
compare cache "cached GET /api/reference-data (HIT) ÷ lean nginx serving the same bytes as a static file (req/s)" wrk_rps "$GW/api/reference-data" wrk_rps "$LEAN/static/reference-data.json"
compare status_express "api-service ÷ Express, GET /api/status, direct (req/s)" wrk_rps "$DIRECT/api/status" wrk_rps "$EXPRESS/api/status"
compare refdata_express "api-service ÷ Express, GET /api/reference-data, direct (req/s)" wrk_rps "$DIRECT/api/reference-data" wrk_rps "$EXPRESS/api/reference-data"
compare account_express "api-service ÷ Express + pg + jose, GET /api/accounts/{id} (req/s)" wrk_rps "$DIRECT/api/accounts/$ACCOUNT;$AUTHZ" wrk_rps "$EXPRESS/api/accounts/$ACCOUNT;$AUTHZ"

# h2: does one connection survive more than 1,000 requests? (nginx's keepalive_requests closes it otherwise)
H2_ONE=$(h2load -c1 -m1 -n3000 "$GW/api/status" 2>&1 | awk '/^requests:/ {print $8 " of 3000 succeeded"}')
# CPU per request (utime + stime from /proc/<pid>/stat; the client's from its rusage), one run through the gateway
# and one direct: on a saturated 2-core box, req/s is inversely proportional to the CPU all parties spend per request,
# so (direct's total) ÷ (the gateway's total) bounds "gateway ÷ direct" whatever the gateway config.
wrk_cpu() { # url [header] -> "req/s client-seconds"
    python3 - "$CONNS" "$SECS" "$@" <<'PY'
import re, resource, subprocess, sys
conns, secs, url = sys.argv[1:4]
header = ["-H", sys.argv[4]] if len(sys.argv) > 4 else []
out = subprocess.run(["wrk", "-t1", "-c" + conns, "-d" + secs + "s", *header, url], capture_output=True, text=True).stdout
r = resource.getrusage(resource.RUSAGE_CHILDREN)
print(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1), r.ru_utime + r.ru_stime)
PY
}
cpu_run() { # url;header pids... -> sets CPU_REQS CPU_SERVER (seconds of the pids) CPU_CLIENT
    local target=() t0 t1 rps client
    IFS=';' read -r -a target <<<"$1"; shift
    t0=$(cpu_ticks "$@")
    read -r rps client < <(wrk_cpu "${target[@]}")
    t1=$(cpu_ticks "$@")
    CPU_REQS=$(python3 -c "print(float('$rps') * $SECS)")
    CPU_SERVER=$(python3 -c "print(($t1 - $t0) / $(getconf CLK_TCK))")
    CPU_CLIENT=$client
}
us() { python3 -c "print(round($1 / $CPU_REQS * 1e6, 1))"; }
WORKERS=$(nginx_workers "$RUN/gateway")
cpu_run "$GW/api/status" $WORKERS; CPU_NGINX=$(us "$CPU_SERVER"); CPU_WRK_TLS=$(us "$CPU_CLIENT")
cpu_run "$GW/api/status" "$API_PID"; CPU_API_GW=$(us "$CPU_SERVER")
cpu_run "$LEAN/api/status" $(nginx_workers "$RUN/proxy"); CPU_LEAN=$(us "$CPU_SERVER")
cpu_run "$DIRECT/api/status" "$API_PID"; CPU_API=$(us "$CPU_SERVER"); CPU_WRK=$(us "$CPU_CLIENT")
# The one-row read: api-service vs the PostgreSQL backends serving it (both peers share the same database).
PG_BACKENDS=$(pgrep -P "$(head -n 1 "$RUN/pg/data/postmaster.pid")" | tr '\n' ' ')
cpu_run "$DIRECT/api/accounts/$ACCOUNT;$AUTHZ" "$API_PID"; CPU_API_ROW=$(us "$CPU_SERVER")
cpu_run "$DIRECT/api/accounts/$ACCOUNT;$AUTHZ" $PG_BACKENDS; CPU_PG_ROW=$(us "$CPU_SERVER")
cpu_run "$EXPRESS/api/accounts/$ACCOUNT;$AUTHZ" $(pgrep -f "$PEER/server.mjs" | tr '\n' ' '); CPU_EXPRESS_ROW=$(us "$CPU_SERVER")
CPU_BOUND=$(python3 -c "print(f'{($CPU_API + $CPU_WRK) / ($CPU_API_GW + $CPU_NGINX + $CPU_WRK_TLS):.2f}')")
# The same for gateway ÷ lean proxy: both send api-service the same requests over the same TLS client, so only
# nginx's share differs.
CPU_LEAN_BOUND=$(python3 -c "print(f'{($CPU_API_GW + $CPU_LEAN + $CPU_WRK_TLS) / ($CPU_API_GW + $CPU_NGINX + $CPU_WRK_TLS):.2f}')")
# auth-service gets one run of load too, for its RSS figure
wrk_rps "http://127.0.0.1:$AUTH_PORT/auth/status" >/dev/null
rss_mb() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"; }

# ---------------------------------------------------------------- the table
{
    echo
    echo "| figure | A | B | A ÷ B |"
    echo "|---|---|---|---|"
    for key in gw_direct gw_lean gw_h2 lean_h2 latency cache status_express refdata_express account_express; do
        [ -n "${RESULT[$key.a]:-}" ] || continue # left out by BENCH_COMPARE
        a=${RESULT[$key.a]} b=${RESULT[$key.b]}
        if [ $key = latency ]; then ratio="+$(python3 -c "print(f'{$a - $b:.3f}')") ms"
        else ratio=$(python3 -c "print(f'{$a / $b:.2f}')"); fi
        fmt='%.0f'; [ $key = latency ] && fmt='%.3f'
        printf "| %s | $fmt | $fmt | %s |\n" "${RESULT[$key.label]}" "$a" "$b" "$ratio"
    done
    echo "| one h2 connection, 3,000 requests through the gateway | $H2_ONE | | |"
    echo "| CPU µs per request via the gateway: nginx workers / api-service / wrk (TLS) | $CPU_NGINX / $CPU_API_GW / $CPU_WRK_TLS | | |"
    echo "| nginx CPU µs per request: the gateway ÷ the lean proxy | $CPU_NGINX | $CPU_LEAN | $(python3 -c "print(f'{$CPU_NGINX / $CPU_LEAN:.2f}')") |"
    echo "| bound on gateway ÷ lean proxy from CPU (api-service and wrk as via the gateway) | | | $CPU_LEAN_BOUND |"
    echo "| CPU µs per request direct: api-service / wrk; bound on gateway ÷ direct from CPU | $CPU_API / $CPU_WRK | | $CPU_BOUND |"
    echo "| CPU µs per GET /api/accounts/{id}: api-service / Express (all workers) / PostgreSQL backends (api-service's run) | $CPU_API_ROW / $CPU_EXPRESS_ROW / $CPU_PG_ROW | | |"
    echo "| \`java -jar\` to first 200, median of $STARTS (ms): api-service / auth-service | ${RESULT[api-service.start]} | ${RESULT[auth-service.start]} | |"
    echo "| SIGTERM to exit, median of $STARTS (ms): api-service / auth-service | ${RESULT[api-service.stop]} | ${RESULT[auth-service.stop]} | |"
    echo "| RSS after load (MB): api-service / auth-service | $(rss_mb "$API_PID") | $(rss_mb "$AUTH_PID") | |"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), JVM flags: api-service $(jvm_flags api-service), auth-service $(jvm_flags auth-service)$([ "${BENCH_AOT:-0}" = 1 ] && echo ", with an AOT cache from a training run")"
    echo "rounds $ROUNDS × $SECS s, $CONNS connections (wrk -t1; h2load -c$H2_CONNS -m$((CONNS / H2_CONNS))), latency at $RATE req/s"
}
