#!/usr/bin/env bash
# Log search proven on real lines (issue 15): runs api-service and auth-service from their jars and the gateway's
# loopback twin (the generator's nginx config for 127.0.0.1, as scripts/bench.sh does), sends requests through the
# gateway with known X-Request-IDs, and hands what the processes wrote (the services' stdout, nginx's JSON access
# log) to scripts/log-search-check.sh, which indexes exactly those lines into the real Elasticsearch with the
# project's template and runs the Kibana saved searches on them. The requests:
#   register  POST /auth/register                     auth-service, gateway
#   accounts  GET /api/accounts with the user's token  api-service (with user.id), gateway
#   admin     GET /grafana/ with an admin's token      auth-service (edge-auth verifier), gateway (502: no Grafana)
# Needs: the jars (./mvnw -B package: scripts/test.sh runs this after `verify`), JAVA_HOME at a JDK 21+, nginx,
# curl, jq, openssl, psql, and the test servers (source /tmp/test-env.sh: TEST_POSTGRES_*, TEST_ELASTICSEARCH_URL).
# The brokers are not used: the services are given unreachable ones and log their retries, lines like any other.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
say() { echo "log-search-test: $*" >&2; }
fail() {
    echo "log-search-test: FAIL: $*" >&2
    # What the processes said last: a failure in CI must be explicable from its log alone.
    local f
    for f in "${RUN:-/nonexistent}"/{api-service,auth-service}.std{out,err} "${RUN:-/nonexistent}/gateway/error.log"; do
        [ -s "$f" ] || continue
        echo "log-search-test: --- last lines of ${f#"$RUN"/} ---" >&2
        tail -n 15 "$f" | cut -c1-400 >&2
    done
    exit 1
}
: "${TEST_ELASTICSEARCH_URL:?set TEST_ELASTICSEARCH_URL (eval \"\$(scripts/test-servers.sh start)\") to a running Elasticsearch 8}"
: "${TEST_POSTGRES_URL:?set TEST_POSTGRES_URL and friends (source /tmp/test-env.sh or eval \"\$(scripts/test-servers.sh start)\")}"
[ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] || fail "set JAVA_HOME to a JDK 21+"
NGINX=${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
for tool in curl jq openssl psql "$NGINX"; do command -v "$tool" >/dev/null || fail "$tool is not installed"; done
for f in api-service/target/api-service.jar auth-service/target/auth-service.jar gateway/target/generator.classpath; do
    [ -e "$f" ] || fail "$f is missing: run ./mvnw -B -q package -DskipTests -pl api-service,auth-service,gateway -am first"
done

RUN=$(mktemp -d /tmp/gatewaystack-log-search.XXXXXX)
chmod 755 "$RUN"
PG_HOSTPORT=$(sed -E 's,^jdbc:postgresql://([^/]+)/.*,\1,' <<<"$TEST_POSTGRES_URL")
DB_PREFIX="logsearch_$$"
psql_admin() { PGPASSWORD=$TEST_POSTGRES_PASSWORD psql -q -h "${PG_HOSTPORT%:*}" -p "${PG_HOSTPORT#*:}" \
    -U "$TEST_POSTGRES_USER" -d postgres "$@"; }
PIDS=()
cleanup() {
    local pid
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    [ -f "$RUN/gateway/nginx.pid" ] && "$NGINX" -p "$RUN/gateway" -c "$RUN/gateway/conf/nginx.conf" -s stop 2>/dev/null || true
    psql_admin -c "DROP DATABASE IF EXISTS ${DB_PREFIX}_ledger" -c "DROP DATABASE IF EXISTS ${DB_PREFIX}_auth" >/dev/null 2>&1 || true
    if [ "${LOG_SEARCH_KEEP:-0}" = 1 ]; then say "kept $RUN"; else rm -rf "$RUN"; fi
}
trap cleanup EXIT
trap 'exit 143' INT TERM

# Seven distinct free ports, bound at once: six are released for the processes to take, the seventh stays bound,
# never listening, for the whole run: the brokers' and Grafana's closed port. Connections to it are refused, and it
# can never be one of the six or a client's own local port. (Picked separately, it can land on a service's HTTP
# port, about once in 2,600 runs here: api-service's Kafka client then reads "HTTP" as a 1.2 GB response size and
# the service dies of OutOfMemoryError, a 502 at the gateway: how a CI run failed here, as far as its log shows.)
python3 -c '
import socket, time
socks = [socket.socket() for _ in range(7)]
for s in socks: s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in socks), flush=True)
for s in socks[:6]: s.close()
time.sleep(86400)' >"$RUN/ports" &
PIDS+=($!)
until [ -s "$RUN/ports" ]; do sleep 0.05; done
read -r API_PORT API_OBSERVE AUTH_PORT AUTH_OBSERVE GW_PORT GW_HTTP_PORT NOTHING_PORT < "$RUN/ports"
BASE_URL="https://localhost:$GW_PORT"

psql_admin -c "CREATE DATABASE ${DB_PREFIX}_ledger" -c "CREATE DATABASE ${DB_PREFIX}_auth" \
    || fail "cannot create the databases on $PG_HOSTPORT as $TEST_POSTGRES_USER"
JDBC="jdbc:postgresql://$PG_HOSTPORT"
NO_BROKER=127.0.0.1:$NOTHING_PORT
ADMIN_EMAIL="admin-$$@gatewaystack.test" ADMIN_PASSWORD="admin-password-$RANDOM$RANDOM"
# The same JVM flags as the images, without the AOT cache they are built with.
jvm_flags() { sed -n 's/.*JAVA_TOOL_OPTIONS="\([^"]*\)".*/\1/p' "$1/Dockerfile" | sed 's/-XX:AOTCache=[^ ]*//'; }
start_service() { # name port env... : stdout (the log lines) and stderr (the JVM's own) in separate files
    local name=$1; shift
    # shellcheck disable=SC2046
    env "$@" LOG_FORMAT=json "$JAVA_HOME/bin/java" $(jvm_flags "$name") -jar "$name/target/$name.jar" \
        >"$RUN/$name.stdout" 2>"$RUN/$name.stderr" &
    PIDS+=($!)
}
wait_200() { # url what log
    local deadline=$((SECONDS + 120))
    until curl -fsk -o /dev/null "$1"; do
        [ $SECONDS -lt $deadline ] || { tail -n 20 "$3" >&2; fail "$2 did not answer $1 within 120 s"; }
        sleep 0.2
    done
}
say "api-service on 127.0.0.1:$API_PORT, auth-service on 127.0.0.1:$AUTH_PORT (databases ${DB_PREFIX}_*)"
start_service auth-service SERVER_HOST=127.0.0.1 SERVER_PORT=$AUTH_PORT SERVER_SOCKETS_0_HOST=127.0.0.1 \
    SERVER_SOCKETS_0_PORT=$AUTH_OBSERVE APP_INSTANCE=auth-1 DB_URL=$JDBC/${DB_PREFIX}_auth \
    DB_USER=$TEST_POSTGRES_USER DB_PASSWORD=$TEST_POSTGRES_PASSWORD RABBITMQ_URI=amqp://guest:guest@$NO_BROKER/%2F \
    AUTH_ISSUER=$BASE_URL AUTH_SPA_REDIRECTS=$BASE_URL/callback AUTH_SPA_LOGOUT_REDIRECTS=$BASE_URL/ \
    ADMIN_EMAIL=$ADMIN_EMAIL ADMIN_PASSWORD=$ADMIN_PASSWORD
start_service api-service SERVER_HOST=127.0.0.1 SERVER_PORT=$API_PORT SERVER_SOCKETS_0_HOST=127.0.0.1 \
    SERVER_SOCKETS_0_PORT=$API_OBSERVE APP_INSTANCE=api-1 AUTH_ISSUER=$BASE_URL \
    AUTH_JWKS_dash_URI=http://127.0.0.1:$AUTH_PORT/oauth2/jwks \
    AUTH_REVOCATIONS_dash_URI=http://127.0.0.1:$AUTH_PORT/internal/revoked-access-tokens \
    DB_CONNECTION_URL=$JDBC/${DB_PREFIX}_ledger DB_CONNECTION_USERNAME=$TEST_POSTGRES_USER \
    DB_CONNECTION_PASSWORD=$TEST_POSTGRES_PASSWORD KAFKA_BOOTSTRAP=$NO_BROKER RABBITMQ_URI=amqp://guest:guest@$NO_BROKER/%2F
wait_200 "http://127.0.0.1:$AUTH_PORT/auth/status" auth-service "$RUN/auth-service.stdout"
wait_200 "http://127.0.0.1:$API_PORT/api/status" api-service "$RUN/api-service.stdout"

say "the gateway's loopback twin on 127.0.0.1:$GW_PORT (Grafana's upstream: a closed port)"
mkdir -p "$RUN/gateway/html" && echo '<!doctype html><title>log search</title>' >"$RUN/gateway/html/index.html"
"$JAVA_HOME/bin/java" -cp "gateway/target/classes:$(cat gateway/target/generator.classpath)" \
    dev.gatewaystack.gateway.GatewayGenerator --target loopback --out "$RUN/gateway/conf" --runtime-dir "$RUN/gateway" \
    --https-port "$GW_PORT" --http-port "$GW_HTTP_PORT" --server "api-service=127.0.0.1:$API_PORT" \
    --server "auth-service=127.0.0.1:$AUTH_PORT" --server "grafana=127.0.0.1:$NOTHING_PORT" \
    >"$RUN/generator.log" 2>&1 || { cat "$RUN/generator.log" >&2; fail "the gateway generator failed"; }
"$NGINX" -p "$RUN/gateway" -c "$RUN/gateway/conf/nginx.conf" || fail "nginx did not start"
wait_200 "$BASE_URL/auth/status" "the gateway" "$RUN/gateway/error.log"

say "requests through the gateway"
CURL=(curl -sSk --max-time 10)
ID="logsearch-$$-$(openssl rand -hex 4)"
request() { # expected-status request-id curl-args... -> body in $RUN/body
    local want=$1 id=$2 code; shift 2
    code=$("${CURL[@]}" -o "$RUN/body" -w '%{http_code}' -H "X-Request-ID: $id" "$@")
    [ "$code" = "$want" ] || fail "$* answered $code, not $want: $(head -c 300 "$RUN/body")"
}
email="user-$$@gatewaystack.test" password="user-password-$RANDOM$RANDOM"
request 201 "$ID-register" -H 'Content-Type: application/json' \
    --data "{\"email\":\"$email\",\"password\":\"$password\"}" "$BASE_URL/auth/register"
die() { fail "$*"; }
WORK=$RUN CLIENT_ID=gatewaystack-spa
# shellcheck source=demo/pkce-login.sh
source scripts/demo/pkce-login.sh
pkce_login "$email" "$password"
request 200 "$ID-accounts" -H "Authorization: Bearer $(jq -r .access_token "$RUN/token.json")" "$BASE_URL/api/accounts"
pkce_login "$ADMIN_EMAIL" "$ADMIN_PASSWORD"
request 502 "$ID-admin" -H "Authorization: Bearer $(jq -r .access_token "$RUN/token.json")" "$BASE_URL/grafana/"

# Everything written so far: nginx writes its line when the answer is sent, the services before; stopping the
# services flushes their last lines (the shut-down ones included).
sleep 1
for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
PIDS=()
for s in api-service auth-service; do # stdout is the encoder's alone: one ECS JSON object per line
    bad=$(jq -R -r 'select((try (fromjson | type) catch "text") != "object")' "$RUN/$s.stdout" | head -3)
    [ -z "$bad" ] || fail "$s wrote lines on stdout that are not JSON objects: $bad"
done
cat "$RUN/api-service.stdout" "$RUN/auth-service.stdout" "$RUN/gateway/access.log" > "$RUN/lines.ndjson"
say "$(wc -l < "$RUN/api-service.stdout") api-service lines, $(wc -l < "$RUN/auth-service.stdout") auth-service lines, $(wc -l < "$RUN/gateway/access.log") gateway access-log lines"
scripts/log-search-check.sh "$RUN/lines.ndjson" "auth-service,gateway=$ID-register" \
    "api-service,gateway=$ID-accounts" "auth-service,gateway=$ID-admin"
