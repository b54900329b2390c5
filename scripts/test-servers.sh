#!/usr/bin/env bash
# Starts the real servers the tests use, on loopback, from Debian packages (PostgreSQL, RabbitMQ) and Maven Central
# jars (Kafka, KRaft mode), and prints `export NAME=value` lines for the variables the tests read:
#
#   eval "$(scripts/test-servers.sh start)"     # all servers; the exports go to your shell
#   scripts/test-servers.sh rabbitmq stop|start # outage tests stop and restart a broker through these
#   scripts/test-servers.sh kafka stop|start
#   scripts/test-servers.sh elasticsearch stop|start
#   scripts/test-servers.sh stop                # everything
#
# Needs root (PostgreSQL and RabbitMQ run as their Debian users), the packages postgresql and rabbitmq-server,
# and JAVA_HOME pointing at a JDK 21+ (Kafka).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)

PG_VERSION=15
DB_USER=gatewaystack
DB_PASSWORD=gatewaystack
MQ_USER=gatewaystack
MQ_PASSWORD=gatewaystack
KAFKA_PORT=${KAFKA_PORT:-19092}
KAFKA_CONTROLLER_PORT=${KAFKA_CONTROLLER_PORT:-19093}
KAFKA_HOME=${KAFKA_HOME:-/tmp/gatewaystack-kafka}
ES_PORT=${ES_PORT:-19200}
ES_HOME=${ES_HOME:-/tmp/gatewaystack-elasticsearch}
ES_USER=gatewaystack-es

say() { echo "test-servers: $*" >&2; }
fail() { echo "test-servers: $*" >&2; exit 1; }

wait_port() { # host port seconds what
    local deadline=$((SECONDS + $3))
    until (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; do
        [ $SECONDS -lt $deadline ] || fail "$4 did not listen on $1:$2 within $3 s; see its log above"
        sleep 0.5
    done
}

postgres_start() {
    command -v pg_ctlcluster >/dev/null || fail "PostgreSQL is not installed: apt-get install -y postgresql"
    pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main start >&2 2>/dev/null || true
    wait_port 127.0.0.1 5432 30 PostgreSQL
    su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname='$DB_USER'\"" | grep -q 1 \
        || su postgres -c "psql -qc \"CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$DB_PASSWORD'\"" >&2
    echo "export TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/postgres"
    echo "export TEST_POSTGRES_USER=$DB_USER"
    echo "export TEST_POSTGRES_PASSWORD=$DB_PASSWORD"
}

rabbitmq_start() {
    command -v rabbitmq-server >/dev/null || fail "RabbitMQ is not installed: apt-get install -y rabbitmq-server"
    if ! rabbitmqctl -q ping >/dev/null 2>&1; then
        rabbitmq-server -detached >&2
        local deadline=$((SECONDS + 90))
        until rabbitmqctl -q ping >/dev/null 2>&1; do
            [ $SECONDS -lt $deadline ] || fail "RabbitMQ did not start within 90 s; see /var/log/rabbitmq"
            sleep 1
        done
    fi
    rabbitmqctl -q start_app >&2   # a no-op when the app runs; brings it back after `rabbitmq stop`
    rabbitmqctl -q await_startup --timeout 90 >&2
    if ! rabbitmqctl -q list_users | grep -q "^$MQ_USER"; then
        rabbitmqctl -q add_user "$MQ_USER" "$MQ_PASSWORD" >&2
        rabbitmqctl -q set_user_tags "$MQ_USER" administrator >&2
        rabbitmqctl -q set_permissions -p / "$MQ_USER" ".*" ".*" ".*" >&2
    fi
    wait_port 127.0.0.1 5672 60 RabbitMQ
    echo "export TEST_RABBITMQ_URI=amqp://$MQ_USER:$MQ_PASSWORD@127.0.0.1:5672/%2F"
    echo "export TEST_RABBITMQ_CTL=\"$ROOT/scripts/test-servers.sh rabbitmq\""
}

rabbitmq_stop() { rabbitmqctl -q stop_app >&2; }

kafka_lib() {
    if [ ! -d infra/kafka/target/lib ]; then
        say "fetching the Kafka broker's jars from Maven Central"
        ./mvnw -q -B -f infra/kafka/pom.xml package >&2
    fi
}

kafka_start() {
    [ -n "${JAVA_HOME:-}" ] || fail "set JAVA_HOME to a JDK 21+ to run Kafka"
    kafka_lib
    local java="$JAVA_HOME/bin/java" cp="$ROOT/infra/kafka/target/lib/*"
    if [ -f "$KAFKA_HOME/pid" ] && kill -0 "$(cat "$KAFKA_HOME/pid")" 2>/dev/null; then
        : # already running
    else
        mkdir -p "$KAFKA_HOME"
        if [ ! -f "$KAFKA_HOME/server.properties" ]; then
            { cat infra/kafka/server.properties
              echo "listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT"
              echo "advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT"
              echo "controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT"
              echo "log.dirs=$KAFKA_HOME/data"
            } > "$KAFKA_HOME/server.properties"
            "$java" -cp "$cp" kafka.tools.StorageTool format -t "$("$java" -cp "$cp" kafka.tools.StorageTool random-uuid)" \
                -c "$KAFKA_HOME/server.properties" >&2
        fi
        nohup "$java" -Xmx512m -cp "$cp" kafka.Kafka "$KAFKA_HOME/server.properties" > "$KAFKA_HOME/broker.log" 2>&1 &
        echo $! > "$KAFKA_HOME/pid"
    fi
    wait_port 127.0.0.1 "$KAFKA_PORT" 90 "Kafka (log: $KAFKA_HOME/broker.log)"
    echo "export TEST_KAFKA_BOOTSTRAP=127.0.0.1:$KAFKA_PORT"
    echo "export TEST_KAFKA_CTL=\"$ROOT/scripts/test-servers.sh kafka\""
}

kafka_stop() {
    [ -f "$KAFKA_HOME/pid" ] || return 0
    local pid; pid=$(cat "$KAFKA_HOME/pid")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$KAFKA_HOME/pid"
}

# Elasticsearch 8.19 from Maven Central's integ-test-zip; it refuses to run as root, so as its own system user.
elasticsearch_start() {
    [ -n "${JAVA_HOME:-}" ] || fail "set JAVA_HOME to a JDK 21+ to run Elasticsearch"
    if ! ls -d infra/elasticsearch/target/elasticsearch-* >/dev/null 2>&1; then
        say "fetching Elasticsearch's integ-test-zip from Maven Central"
        ./mvnw -q -B -f infra/elasticsearch/pom.xml package >&2
    fi
    if ! curl -fs "http://127.0.0.1:$ES_PORT/_cluster/health" >/dev/null 2>&1; then
        id "$ES_USER" >/dev/null 2>&1 || useradd --system --no-create-home "$ES_USER"
        if [ ! -d "$ES_HOME/dist" ]; then
            mkdir -p "$ES_HOME"
            cp -r "$(ls -d infra/elasticsearch/target/elasticsearch-* | head -1)" "$ES_HOME/dist"
            { echo "discovery.type: single-node"; echo "network.host: 127.0.0.1"; echo "http.port: $ES_PORT"
              echo "transport.port: $((ES_PORT + 100))"; echo "xpack.security.enabled: false"
              echo "path.data: $ES_HOME/data"; echo "path.logs: $ES_HOME/logs"; } > "$ES_HOME/dist/config/elasticsearch.yml"
            chown -R "$ES_USER" "$ES_HOME"
        fi
        su -s /bin/sh "$ES_USER" -c "ES_JAVA_HOME='$JAVA_HOME' ES_JAVA_OPTS='-Xms512m -Xmx512m' $ES_HOME/dist/bin/elasticsearch -d -p $ES_HOME/pid" >&2
        local deadline=$((SECONDS + 120))
        until curl -fs "http://127.0.0.1:$ES_PORT/_cluster/health?wait_for_status=yellow&timeout=2s" >/dev/null 2>&1; do
            [ $SECONDS -lt $deadline ] || fail "Elasticsearch did not start within 120 s; see $ES_HOME/logs"
            sleep 2
        done
    fi
    echo "export TEST_ELASTICSEARCH_URL=http://127.0.0.1:$ES_PORT"
}

elasticsearch_stop() {
    [ -f "$ES_HOME/pid" ] || return 0
    kill "$(cat "$ES_HOME/pid")" 2>/dev/null || true
    rm -f "$ES_HOME/pid"
}

case "${1:-}" in
    start) postgres_start; rabbitmq_start; kafka_start; elasticsearch_start ;;
    stop) elasticsearch_stop; kafka_stop; rabbitmqctl -q stop >&2 2>/dev/null || true
          pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main stop 2>/dev/null || true ;;
    postgres) [ "${2:-}" = start ] && postgres_start || pg_ctlcluster --skip-systemctl-redirect "$PG_VERSION" main "${2:?start|stop}" ;;
    rabbitmq) case "${2:-}" in start) rabbitmq_start >/dev/null ;; stop) rabbitmq_stop ;; *) fail "usage: $0 rabbitmq start|stop" ;; esac ;;
    kafka) case "${2:-}" in start) kafka_start >/dev/null ;; stop) kafka_stop ;; *) fail "usage: $0 kafka start|stop" ;; esac ;;
    elasticsearch) case "${2:-}" in start) elasticsearch_start ;; stop) elasticsearch_stop ;; *) fail "usage: $0 elasticsearch start|stop" ;; esac ;;
    *) fail "usage: $0 start|stop|postgres start|stop|rabbitmq start|stop|kafka start|stop|elasticsearch start|stop" ;;
esac
