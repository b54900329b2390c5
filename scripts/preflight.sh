#!/usr/bin/env bash
# Checks, before anything starts, that this machine can run the Compose stack; the first step of the README's run
# command (`scripts/preflight.sh && ./mvnw package && docker compose up --build`). Each failure is one sentence
# saying what to do; any failure exits 1, so `&&` keeps the stack from half-starting.
#
#   scripts/preflight.sh                       # all checks
#   PREFLIGHT_ONLY="ports memory" scripts/preflight.sh
#   PREFLIGHT_SKIP=max_map_count scripts/preflight.sh
#
# Checks: engine (Docker answers), compose (Compose v2, or docker-compose 1.29+), iptables (the engine manages
# iptables, without which the `internal` network does not isolate), memory (6 GiB free), max_map_count
# (vm.max_map_count >= 262144 for Elasticsearch), ports (the gateway's ports are free, or held by this stack's own
# gateway). Settings as Compose reads them: the environment first, then .env (GATEWAY_BIND, GATEWAY_HTTPS_PORT,
# GATEWAY_HTTP_PORT, COMPOSE_PROJECT_NAME). PREFLIGHT_MIN_MEMORY_MIB (6144) and PREFLIGHT_MIN_MAP_COUNT (262144)
# change the thresholds.
set -uo pipefail
cd "$(dirname "$0")/.."

FAILED=0
ok() { echo "preflight: ok   $*"; }
bad() { echo "preflight: FAIL $*"; FAILED=1; }
setting() { # the environment first, then .env, then the default
    local v=${!1:-}
    [ -n "$v" ] || v=$(sed -n "s/^$1=//p" .env 2>/dev/null | tail -1)
    echo "${v:-$2}"
}
wanted() {
    [ -z "${PREFLIGHT_ONLY:-}" ] || [[ " $PREFLIGHT_ONLY " == *" $1 "* ]] || return 1
    [[ " ${PREFLIGHT_SKIP:-} " != *" $1 "* ]]
}
linux_host_engine() { # the engine runs on this Linux host (not in Docker Desktop's VM or remotely)
    [ "$(uname -s)" = Linux ] && [ -z "${DOCKER_HOST:-}" ] && [ -S /var/run/docker.sock ] \
        && ! docker info --format '{{.OperatingSystem}}' 2>/dev/null | grep -qi 'docker desktop'
}

PROJECT=$(setting COMPOSE_PROJECT_NAME gatewaystack)
BIND=$(setting GATEWAY_BIND 127.0.0.1)
ENGINE_UP=""
engine_up() { # Docker answers (asked once; PREFLIGHT_ONLY may have left out the engine check)
    [ -n "$ENGINE_UP" ] || { command -v docker >/dev/null && docker info >/dev/null 2>&1 && ENGINE_UP=1 || ENGINE_UP=0; }
    [ "$ENGINE_UP" = 1 ]
}

check_engine() {
    if ! command -v docker >/dev/null; then
        bad "engine: the docker command is missing: install Docker Engine (https://docs.docker.com/engine/install/; Debian: apt-get install docker.io)."
    elif ! docker info >/dev/null 2>&1; then
        bad "engine: Docker does not answer ($(docker info 2>&1 | grep -m1 -iE 'error|cannot' | cut -c1-120)): start it (sudo systemctl start docker, or open Docker Desktop) and run this again."
    else
        ENGINE_UP=1; ok "engine: Docker $(docker info --format '{{.ServerVersion}}' 2>/dev/null)"
    fi
}

version_at_least() { # version_at_least <have> <want>: dotted numbers
    [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -1)" = "$2" ]
}
check_compose() {
    local v
    if v=$(docker compose version --short 2>/dev/null) && [ -n "$v" ]; then
        v=${v#v}
        if version_at_least "$v" 2.0.0; then ok "compose: docker compose $v"; return; fi
    fi
    if v=$(docker-compose version --short 2>/dev/null) && [ -n "$v" ]; then
        if version_at_least "$v" 1.29.0; then ok "compose: docker-compose $v (use docker-compose where the README says docker compose)"; return; fi
        bad "compose: docker-compose $v is too old (profiles and service_completed_successfully need 1.29): install the Compose v2 plugin (docker-compose-plugin) or docker-compose 1.29+."
        return
    fi
    bad "compose: neither \`docker compose\` (v2) nor docker-compose 1.29+ is installed: install the Compose plugin (Debian/Ubuntu with Docker's repository: apt-get install docker-compose-plugin; Debian 12: apt-get install docker-compose)."
}

check_iptables() {
    if ! linux_host_engine; then ok "iptables: not checked (the engine runs in a VM or remotely; Docker Desktop manages it)"; return; fi
    local pid args
    pid=$(pgrep -xo dockerd 2>/dev/null || true)
    args=$([ -n "$pid" ] && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null)
    if [[ " $args " == *" --iptables=false "* ]] \
        || grep -qE '"iptables"[[:space:]]*:[[:space:]]*false' /etc/docker/daemon.json 2>/dev/null; then
        bad "iptables: dockerd runs with iptables disabled, so the stack's internal network would not isolate PostgreSQL, RabbitMQ and the rest from other containers: remove --iptables=false (or \"iptables\": false in /etc/docker/daemon.json) and restart dockerd."
    elif command -v iptables >/dev/null && [ "$(id -u)" = 0 ] \
        && ! { iptables -S DOCKER-ISOLATION-STAGE-1 || iptables -S DOCKER-INTERNAL || iptables -S DOCKER-FORWARD; } >/dev/null 2>&1; then
        bad "iptables: Docker's isolation chains (DOCKER-ISOLATION-STAGE-1 / DOCKER-FORWARD) are missing, so internal networks would not isolate: start dockerd with its default iptables management and run this again."
    else
        ok "iptables: managed by dockerd"
    fi
}

stack_running() { engine_up && [ -n "$(docker ps -q --filter "label=com.docker.compose.project=$PROJECT" 2>/dev/null)" ]; }

check_memory() {
    local min=${PREFLIGHT_MIN_MEMORY_MIB:-6144} have
    if [ -r /proc/meminfo ] && { ! engine_up || linux_host_engine; }; then
        if stack_running; then ok "memory: the stack already runs (its memory is in use)"; return; fi
        have=$(awk '/^MemAvailable:/ { print int($2 / 1024) }' /proc/meminfo)
        [ "$have" -ge "$min" ] && { ok "memory: $have MiB available"; return; }
        bad "memory: $have MiB available, the stack needs about $min MiB: stop other programs or containers (docker ps), or leave out Elasticsearch, Logstash and Kibana by naming the services you want on \`docker compose up\`."
    else
        have=$(( $(docker info --format '{{.MemTotal}}' 2>/dev/null || echo 0) / 1048576 ))
        [ "$have" -ge "$min" ] && { ok "memory: the engine has $have MiB"; return; }
        bad "memory: the Docker engine has $have MiB, the stack needs about $min MiB: give Docker Desktop more memory (Settings > Resources > Memory)."
    fi
}

check_max_map_count() {
    local min=${PREFLIGHT_MIN_MAP_COUNT:-262144} have
    if [ ! -r /proc/sys/vm/max_map_count ] || { engine_up && ! linux_host_engine; }; then
        ok "max_map_count: not checked here (Docker Desktop sets it in its VM)"; return
    fi
    have=$(cat /proc/sys/vm/max_map_count)
    [ "$have" -ge "$min" ] && { ok "max_map_count: $have"; return; }
    bad "max_map_count: vm.max_map_count is $have, Elasticsearch needs $min: run \`sudo sysctl -w vm.max_map_count=$min\` (persist it: echo vm.max_map_count=$min | sudo tee /etc/sysctl.d/99-elasticsearch.conf)."
}

# port_holder <port>: what listens on it ("" when free), from ss where available, else by connecting.
port_holder() {
    local addr=$BIND
    [ "$addr" != 0.0.0.0 ] || addr=127.0.0.1
    if command -v ss >/dev/null; then
        ss -Hltnp "( sport = :$1 )" 2>/dev/null | head -1 | awk '{
            who = "a program"
            if (match($0, /users:\(\("[^"]+",pid=[0-9]+/)) {
                split(substr($0, RSTART + 9, RLENGTH - 9), p, /",pid=/); who = p[1] " (pid " p[2] ")"
            }
            print who " on " $4 }'
    elif (exec 3<>"/dev/tcp/$addr/$1") 2>/dev/null; then
        echo "a program on $addr:$1"
    fi
}
own_gateway_publishes() { # this Compose project's gateway container publishes <port> on the host
    engine_up || return 1
    local id
    for id in $(docker ps -q --filter "label=com.docker.compose.project=$PROJECT" \
            --filter "label=com.docker.compose.service=gateway" 2>/dev/null); do
        docker port "$id" 2>/dev/null | grep -q ":$1\$" && return 0
    done
    return 1
}
check_ports() {
    local name port holder var
    for var in GATEWAY_HTTPS_PORT:443 GATEWAY_HTTP_PORT:80; do
        name=${var%%:*}; port=$(setting "$name" "${var#*:}")
        holder=$(port_holder "$port")
        if [ -z "$holder" ]; then
            ok "ports: $port free ($name)"
        elif own_gateway_publishes "$port"; then
            ok "ports: $port held by this stack's own gateway ($name)"
        else
            local also=""; [ "$name" = GATEWAY_HTTP_PORT ] || also=" and PUBLIC_BASE_URL=https://localhost:<that port>"
            bad "ports: port $port ($name) is taken by $holder: stop that program, or set $name to a free port in .env$also."
        fi
    done
}

for check in engine compose iptables memory max_map_count ports; do
    if wanted "$check"; then "check_$check"; fi
done
if [ "$FAILED" = 1 ]; then
    echo "preflight: this machine cannot run the stack yet; fix the FAIL lines above (nothing was started)."
    exit 1
fi
echo "preflight: ok"
