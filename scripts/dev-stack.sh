#!/usr/bin/env bash
# The real stack on this machine without containers, for developing the SPA and running the browser tests:
# the test servers (PostgreSQL, RabbitMQ, Kafka from scripts/test-servers.sh), auth-service and two api-service
# replicas from their jars, and the real nginx with the configuration the gateway generator renders for a
# loopback target, serving the built SPA (frontend/target/dist).
#
#   scripts/dev-stack.sh up      # prints the https base URL as its last line
#   scripts/dev-stack.sh down
#   scripts/dev-stack.sh status
#
# Needs: root (test-servers.sh), nginx, JAVA_HOME at a JDK 21+, and `./mvnw -DskipTests package` done first.
# Ports (override with the variables): DEV_HTTPS_PORT 8443, DEV_HTTP_PORT 8080 (redirects to https),
# DEV_AUTH_PORT 18180, DEV_API_PORTS "18181 18182" (each service's /observe socket is its port + 1000).
# Files: DEV_STACK_DIR (/tmp/gatewaystack-dev).
#
# The stack keeps to its own corner of the shared test servers, named by DEV_STACK_NAME (default devstack; set
# another name to run two dev stacks side by side): databases <name>_auth and <name>_ledger (recreated on every
# `up`), RabbitMQ vhost <name>, Kafka topic <name>.ledger.transactions and consumer group <name>.read-model.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

HTTPS_PORT=${DEV_HTTPS_PORT:-8443}
HTTP_PORT=${DEV_HTTP_PORT:-8080}
AUTH_PORT=${DEV_AUTH_PORT:-18180}
read -r -a API_PORTS <<<"${DEV_API_PORTS:-18181 18182}"
RUN=${DEV_STACK_DIR:-/tmp/gatewaystack-dev}
ORIGIN="https://localhost:$HTTPS_PORT"
NAME=${DEV_STACK_NAME:-devstack}
[[ "$NAME" =~ ^[a-z][a-z0-9_]{0,30}$ ]] || { echo "dev-stack: DEV_STACK_NAME must be lower-case letters, digits and _" >&2; exit 1; }
VHOST=$NAME

say() { echo "dev-stack: $*" >&2; }
fail() { echo "dev-stack: $*" >&2; exit 1; }

java_bin() {
    [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] \
        || fail "set JAVA_HOME to a JDK 21+ (e.g. /usr/lib/jvm/temurin-25-jdk-amd64)"
    echo "$JAVA_HOME/bin/java"
}

nginx_bin() {
    local bin=${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
    [ -x "$bin" ] || fail "nginx is not installed: apt-get install -y nginx (or set NGINX_BIN)"
    echo "$bin"
}

require_build() {
    local f
    for f in auth-service/target/auth-service.jar api-service/target/api-service.jar \
        gateway/target/generator.classpath frontend/target/dist/index.html; do
        [ -e "$f" ] || fail "$f is missing: run ./mvnw -DskipTests package first"
    done
}

# Waits until the URL answers 2xx (insecure: the development certificate is self-signed).
wait_http() { # url seconds what log
    local deadline=$((SECONDS + $2))
    until curl -fsk -o /dev/null "$1"; do
        if [ $SECONDS -ge $deadline ]; then
            [ -n "${4:-}" ] && tail -n 40 "$4" >&2
            fail "$3 did not answer $1 within $2 s${4:+; log: $4}"
        fi
        sleep 0.5
    done
}

start_java() { # name log env... -- jar
    local name=$1 log=$2
    shift 2
    local envs=()
    while [ "$1" != "--" ]; do envs+=("$1"); shift; done
    shift
    env "${envs[@]}" nohup "$(java_bin)" -Xmx384m -jar "$@" >"$log" 2>&1 &
    echo $! >"$RUN/pids/$name"
}

databases() {
    local db
    for db in "${NAME}_auth" "${NAME}_ledger"; do
        PGPASSWORD=$TEST_POSTGRES_PASSWORD psql -q -h 127.0.0.1 -U "$TEST_POSTGRES_USER" -d postgres \
            -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db" >&2
    done
}

rabbit_vhost() {
    rabbitmqctl -q delete_vhost "$VHOST" >/dev/null 2>&1 || true
    rabbitmqctl -q add_vhost "$VHOST" >&2
    rabbitmqctl -q set_permissions -p "$VHOST" gatewaystack ".*" ".*" ".*" >&2
}

up() {
    require_build
    command -v curl >/dev/null || fail "curl is needed: apt-get install -y curl"
    [ -e "$RUN/pids" ] && [ -n "$(ls -A "$RUN/pids" 2>/dev/null)" ] && down
    mkdir -p "$RUN/pids" "$RUN/logs"
    say "starting the test servers"
    eval "$(scripts/test-servers.sh start)"
    databases
    rabbit_vhost
    local pg_base=${TEST_POSTGRES_URL%/*} mq=amqp://gatewaystack:gatewaystack@127.0.0.1:5672/$VHOST

    say "starting auth-service on 127.0.0.1:$AUTH_PORT"
    # The SPA's origin is the gateway's: the issuer and the SPA redirect URI must name it (README, auth-service).
    start_java auth-service "$RUN/logs/auth-service.log" \
        SERVER_HOST=127.0.0.1 SERVER_PORT="$AUTH_PORT" APP_INSTANCE=auth-1 \
        SERVER_SOCKETS_0_HOST=127.0.0.1 SERVER_SOCKETS_0_PORT=$((AUTH_PORT + 1000)) \
        DB_URL="$pg_base/${NAME}_auth" DB_USER="$TEST_POSTGRES_USER" DB_PASSWORD="$TEST_POSTGRES_PASSWORD" \
        RABBITMQ_URI="$mq" AUTH_ISSUER="$ORIGIN" AUTH_SPA_REDIRECTS="$ORIGIN/callback" \
        AUTH_SPA_LOGOUT_REDIRECTS="$ORIGIN/" \
        ${DEV_AUTH_ENV:-} -- auth-service/target/auth-service.jar
    wait_http "http://127.0.0.1:$AUTH_PORT/auth/status" 90 auth-service "$RUN/logs/auth-service.log"

    local i=0 port servers=()
    for port in "${API_PORTS[@]}"; do
        i=$((i + 1))
        say "starting api-service replica $i on 127.0.0.1:$port"
        start_java "api-service-$i" "$RUN/logs/api-service-$i.log" \
            SERVER_HOST=127.0.0.1 SERVER_PORT="$port" APP_INSTANCE="api-$i" \
            SERVER_SOCKETS_0_HOST=127.0.0.1 SERVER_SOCKETS_0_PORT=$((port + 1000)) \
            AUTH_ISSUER="$ORIGIN" AUTH_JWKS_dash_URI="http://127.0.0.1:$AUTH_PORT/oauth2/jwks" \
            AUTH_REVOCATIONS_dash_URI="http://127.0.0.1:$AUTH_PORT/internal/revoked-access-tokens" \
            DB_CONNECTION_URL="$pg_base/${NAME}_ledger" DB_CONNECTION_USERNAME="$TEST_POSTGRES_USER" \
            DB_CONNECTION_PASSWORD="$TEST_POSTGRES_PASSWORD" KAFKA_BOOTSTRAP="$TEST_KAFKA_BOOTSTRAP" \
            KAFKA_TOPIC="$NAME.ledger.transactions" KAFKA_GROUP="$NAME.read-model" RABBITMQ_URI="$mq" \
            -- api-service/target/api-service.jar
        servers+=("127.0.0.1:$port")
        # One at a time: both replicas migrate the same database at start-up.
        wait_http "http://127.0.0.1:$port/api/status" 120 "api-service replica $i" "$RUN/logs/api-service-$i.log"
    done

    say "rendering the gateway for 127.0.0.1:$HTTPS_PORT and starting nginx"
    mkdir -p "$RUN/gateway"
    # The proxy caches live on disk: drop what the previous run's services answered (a discovery document cached
    # for 5 min would hide a changed auth-service).
    rm -rf "$RUN"/gateway/cache-*
    ln -sfn "$ROOT/frontend/target/dist" "$RUN/gateway/html"
    "$(java_bin)" -cp "gateway/target/classes:$(cat gateway/target/generator.classpath)" \
        dev.gatewaystack.gateway.GatewayGenerator --target loopback --out "$RUN/gateway/conf" \
        --runtime-dir "$RUN/gateway" --https-port "$HTTPS_PORT" --http-port "$HTTP_PORT" \
        --server "auth-service=127.0.0.1:$AUTH_PORT" --server "api-service=$(IFS=,; echo "${servers[*]}")" >&2
    "$(nginx_bin)" -p "$RUN/gateway" -c "$RUN/gateway/conf/nginx.conf" >&2
    wait_http "$ORIGIN/__gateway/health" 20 nginx "$RUN/gateway/error.log"
    wait_http "$ORIGIN/.well-known/openid-configuration" 20 "the gateway route to auth-service" \
        "$RUN/gateway/error.log"
    say "up; logs in $RUN/logs and $RUN/gateway/*.log; certificate $RUN/gateway/certs/localhost.crt"
    echo "$ORIGIN"
}

down() {
    if [ -f "$RUN/gateway/nginx.pid" ]; then
        "$(nginx_bin)" -p "$RUN/gateway" -c "$RUN/gateway/conf/nginx.conf" -s quit 2>/dev/null || true
    fi
    local f pid
    for f in "$RUN"/pids/*; do
        [ -e "$f" ] || continue
        pid=$(cat "$f")
        kill "$pid" 2>/dev/null && say "stopped $(basename "$f") ($pid)"
        rm -f "$f"
    done
    # Give the JVMs a moment to close their ports before a following `up`.
    sleep 1
}

status() {
    local f
    for f in "$RUN"/pids/*; do
        [ -e "$f" ] || continue
        if kill -0 "$(cat "$f")" 2>/dev/null; then echo "$(basename "$f") running"; else echo "$(basename "$f") dead"; fi
    done
    curl -fsk "$ORIGIN/__gateway/health" >/dev/null && echo "gateway $ORIGIN up" || echo "gateway down"
}

case "${1:-}" in
    up) up ;;
    down) down ;;
    status) status ;;
    *) fail "usage: scripts/dev-stack.sh up|down|status" ;;
esac
