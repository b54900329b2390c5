#!/usr/bin/env bash
# The stack on Docker Swarm (README, "The stack on Docker Swarm"): a stack file derived from compose.yaml
# (scripts/swarm_stack.py over `docker-compose config`), deployed with `docker stack deploy` on this engine.
#
#   scripts/swarm.sh up       swarm init if needed (--default-addr-pool 10.230.0.0/16), images, node labels, deploy;
#                             waits until every service runs healthy and the init jobs completed
#   scripts/swarm.sh check    checks through the gateway; api-service scaled 2 -> 3 followed by the gateway; a rolling
#                             update of api-service (start-first) under scripts/loadgen with 0 failed requests
#   scripts/swarm.sh down     removes the stack and its volumes; leaves the swarm only if `up` created it
#   scripts/swarm.sh render [prod]   prints the stack file (prod: with compose.prod.yaml, secrets as Swarm secrets)
#   scripts/swarm.sh          up, check, down
#
# Same variables as scripts/e2e.sh (E2E_PROJECT, TAG, E2E_HTTPS_PORT, ...); the stack is "$E2E_PROJECT-swarm".
# Do not run it while a Compose stack of this engine serves on published ports: leaving a swarm removes the engine's
# published-port rules of running containers (see the README).
set -euo pipefail
# shellcheck source=e2e.sh
source "$(dirname "$0")/e2e.sh"   # ROOT, PROJECT, ports, helpers (engine, stand-ins, oauth_token); runs nothing
STATE=$ROOT/target/swarm-state
STACK=${SWARM_STACK:-$PROJECT-swarm}
STATEFUL="postgres rabbitmq kafka elasticsearch prometheus grafana"

swarm_active() { [ "$(docker info -f '{{.Swarm.LocalNodeState}}')" = active ]; }

render() {
    local profile=${1:-dev}
    mkdir -p "$STATE"
    COMPOSE=$(compose_bin)
    FILES=(-f compose.yaml)
    [ "$(cat "$STATE/mode" 2>/dev/null)" = standins ] && FILES+=(-f compose.ci.yaml)
    [ "$profile" = prod ] && FILES+=(-f compose.prod.yaml)
    local skip=""
    [ "$(cat "$STATE/mode" 2>/dev/null)" = standins ] && skip=$UNOBTAINABLE
    compose config | SWARM_SKIP_SERVICES="$skip" python3 scripts/swarm_stack.py
}

# Every service converged: replicated ones at N/N (Swarm counts a task with a healthcheck only once healthy), the
# one-shot init jobs completed once, and the gateway answering.
wait_stack() {
    local deadline=$((SECONDS + ${SWARM_TIMEOUT:-420})) pending name replicas
    while :; do
        pending=""
        while read -r name replicas; do
            case "$name" in
                *-init)
                    docker service ps "$name" --format '{{.CurrentState}}' | grep -q '^Complete' || pending+=" $name" ;;
                *)
                    [ "${replicas%%/*}" = "${replicas##*/}" ] || pending+=" $name($replicas)" ;;
            esac
        done < <(docker stack services "$STACK" --format '{{.Name}} {{.Replicas}}')
        [ -n "$pending" ] || break
        [ $SECONDS -lt $deadline ] || fail "the stack did not converge:$pending"
        sleep 5
    done
    until curl -sfk -o /dev/null --max-time 5 "$BASE_URL/api/status"; do
        [ $SECONDS -lt $deadline ] || fail "the gateway does not answer $BASE_URL/api/status"
        sleep 2
    done
}

swarm_up() {
    local t0=$SECONDS
    ensure_engine
    mkdir -p "$STATE"
    select_mode
    [ "$(cat "$STATE/mode")" = standins ] && maybe_build_standins
    say "swarm: building the stack's images"
    compose build gateway api-service auth-service certs-init nginx-exporter >&2
    if ! swarm_active; then
        say "swarm: docker swarm init (address pool 10.230.0.0/16)"
        docker swarm init --advertise-addr 127.0.0.1 --default-addr-pool 10.230.0.0/16 >&2
        touch "$STATE/swarm-created"
    fi
    # Stateful services are pinned to the node holding their volume; on one node it holds them all.
    local labels=() s
    for s in $STATEFUL; do labels+=(--label-add "gatewaystack.$s=true"); done
    docker node update "${labels[@]}" "$(docker info -f '{{.Swarm.NodeID}}')" >/dev/null
    # Swarm's service VIPs and ingress routing mesh are IPVS. A kernel without it (this machine's) gets a stack with
    # DNS round-robin names and host-mode ports, said out loud.
    if [ -z "${SWARM_NO_IPVS:-}" ] && ! modprobe -q ip_vs 2>/dev/null && [ ! -e /proc/net/ip_vs ]; then
        export SWARM_NO_IPVS=1
        say "swarm: this kernel has no IPVS (Swarm's VIPs and routing mesh need it): endpoint_mode dnsrr, ports in host mode"
    fi
    render > "$STATE/stack.yml"
    say "swarm: docker stack deploy $STACK ($(grep -c '^  [a-z]' "$STATE/stack.yml") top-level entries)"
    docker stack deploy --resolve-image never --prune -c "$STATE/stack.yml" "$STACK" >&2
    wait_stack
    say "swarm: stack converged $((SECONDS - t0)) s after the build started"
}

task_instances() {   # the short container ids (= HOSTNAME = /api/status instance) of the service's running tasks
    docker ps --filter "label=com.docker.swarm.service.name=$STACK""_api-service" --format '{{.ID}}' | cut -c1-12 | sort
}

status_instances() {   # the instances answering /api/status through the gateway (60 requests)
    local i
    for i in $(seq 1 60); do "${curl[@]}" "$BASE_URL/api/status" | jq -r .instance; done | sort -u
}

swarm_check() {
    local t0=$SECONDS ca="$STATE/ca.crt" code
    local gateway; gateway=$(docker ps -q --filter "label=com.docker.swarm.service.name=${STACK}_gateway" | head -1)
    docker exec "$gateway" cat /etc/nginx/certs/ca.crt > "$ca"
    local curl=(curl -sS --max-time 10 --cacert "$ca" --resolve "localhost:$GATEWAY_HTTPS_PORT:127.0.0.1")

    say "swarm check: the services' routes answer through the gateway (TLS verified against the development CA)"
    for path in /api/status /auth/status /.well-known/openid-configuration /oauth2/jwks /api/reference-data; do
        code=$("${curl[@]}" -o "$STATE/body" -w '%{http_code}' "$BASE_URL$path")
        [ "$code" = 200 ] || fail "GET $path answered $code: $(cat "$STATE/body")"
    done
    "${curl[@]}" "$BASE_URL/.well-known/openid-configuration" | jq -e --arg iss "$BASE_URL" '.issuer == $iss' >/dev/null \
        || fail "the discovery document's issuer is not $BASE_URL"
    code=$("${curl[@]}" -o /dev/null -w '%{http_code}' "$BASE_URL/api/nowhere")
    [ "$code" = 404 ] || fail "an unrouted path answered $code, not 404"

    say "swarm check: a user registered through the gateway signs in; api-service opens the default account (RabbitMQ)"
    local user token account
    user=$(registered_user_with_account swarm 60)
    read -r token account <<<"$user"

    say "swarm check: the internal overlay is internal, and closed to the edge overlay"
    [ "$(docker network inspect -f '{{.Internal}}' "${STACK}_internal")" = true ] || fail "${STACK}_internal is not internal"
    local pg pg_ip probe_image
    pg=$(docker ps -q --filter "label=com.docker.swarm.service.name=${STACK}_postgres" | head -1)
    pg_ip=$(docker inspect -f '{{with index .NetworkSettings.Networks "'"${STACK}_internal"'"}}{{.IPAddress}}{{end}}' "$pg")
    # The probe asks with pg_isready, which succeeds only when PostgreSQL itself answers: on this machine the
    # overlay's address is also routed, from a container's default gateway, to another host on the outer network
    # (an HTTP server), which a plain TCP or curl probe took for PostgreSQL.
    probe_image=$(docker service inspect -f '{{.Spec.TaskTemplate.ContainerSpec.Image}}' "${STACK}_postgres" | sed 's/@.*//')
    swarm_probe() {
        docker run --rm --network "$1" --entrypoint sh "$probe_image" -c \
            "timeout 5 getent hosts postgres >/dev/null 2>&1 && exit 0
             pg_isready -q -h $pg_ip -p 5432 -t 3" >/dev/null 2>&1
    }
    swarm_probe "${STACK}_internal" || fail "the probe cannot reach postgres even from the internal overlay"
    if swarm_probe "${STACK}_edge"; then fail "a container on the edge overlay reached postgres ($pg_ip)"; fi

    say "swarm check: api-service scaled 2 -> 3 is followed by the gateway"
    local scale_ms; scale_ms=$(date +%s%3N)
    docker service scale -d "${STACK}_api-service=3" >/dev/null
    deadline=$((SECONDS + 120))
    until [ "$(task_instances | wc -l)" = 3 ] && [ "$(status_instances)" = "$(task_instances)" ]; do
        [ $SECONDS -lt $deadline ] || fail "after scaling to 3, /api/status answered from [$(status_instances | xargs)], tasks are [$(task_instances | xargs)]"
        sleep 2
    done
    say "swarm check: 3 replicas serving $(( ($(date +%s%3N) - scale_ms) / 1000 )) s after docker service scale"

    say "swarm check: rolling update of api-service (start-first) under load"
    local dir="$STATE/rolling" before
    rm -rf "$dir"; mkdir -p "$dir"
    before=$(task_instances)
    node scripts/loadgen/loadgen.mjs --url "$BASE_URL" --ca "$ca" --token "$token" --duration 900 \
        --rate "${SWARM_LOAD_RATE:-25}" --concurrency 256 --var "account=$account" \
        --mix 'GET /api/status=4;GET /api/accounts/${account}/balance=1;POST /api/accounts/${account}/transactions=2' \
        --body '{"amountMinor":-1,"currency":"EUR","bookingDate":"2026-11-28","description":"${key}","category":"groceries"}' \
        --record-field instance --out "$dir/attempts.jsonl" --summary "$dir/summary.json" > /dev/null &
    local loadgen=$! update_t0=$SECONDS
    BACKGROUND+=" $loadgen"
    sleep 5
    docker service update --force --detach=false "${STACK}_api-service" > "$dir/update.log" 2>&1 \
        || fail "docker service update failed: $(tail -5 "$dir/update.log")"
    # --detach=false returns once the last task runs; the update completes after update_config's monitor window.
    local state deadline=$((SECONDS + 120))
    while state=$(docker service inspect -f '{{.UpdateStatus.State}}' "${STACK}_api-service"); [ "$state" = updating ]; do
        [ $SECONDS -lt $deadline ] || break
        sleep 2
    done
    local update_s=$((SECONDS - update_t0 - 5))
    [ "$state" = completed ] \
        || fail "the rolling update did not complete: $(docker service inspect -f '{{json .UpdateStatus}}' "${STACK}_api-service")"
    sleep 8
    kill -TERM "$loadgen"; wait "$loadgen" || true
    local summary="$dir/summary.json"
    say "swarm check: update took $update_s s; load: $(jq -c '{started, skipped, gets, posts, latencyMs}' "$summary")"
    [ "$(jq '.gets.failed + .posts.failed + .skipped' "$summary")" = 0 ] \
        || fail "requests failed during the rolling update: $(jq -c .byKind "$summary")"
    acknowledged_are_stored_once "$dir" "$account" "$token"
    local after; after=$(task_instances)
    [ -z "$(comm -12 <(echo "$before") <(echo "$after"))" ] || fail "tasks survived the forced update: $(comm -12 <(echo "$before") <(echo "$after") | xargs)"
    [ "$(status_instances)" = "$after" ] || fail "after the update /api/status answered from [$(status_instances | xargs)], tasks are [$(echo $after)]"
    say "swarm check: all passed ($(wc -l < "$dir/acknowledged") POSTs acknowledged = stored; took $((SECONDS - t0)) s)"
}

swarm_down() {
    if swarm_active && docker stack ls --format '{{.Name}}' | grep -qx "$STACK"; then
        docker stack rm "$STACK" >&2
        local deadline=$((SECONDS + 90))
        while docker ps -aq --filter "label=com.docker.stack.namespace=$STACK" | grep -q . \
              || docker network ls -q --filter "label=com.docker.stack.namespace=$STACK" | grep -q .; do
            [ $SECONDS -lt $deadline ] || { say "swarm: the stack's containers or networks are still there"; break; }
            sleep 2
        done
    fi
    local volumes; volumes=$(docker volume ls -q --filter "label=com.docker.stack.namespace=$STACK")
    [ -z "$volumes" ] || docker volume rm $volumes >/dev/null
    if [ -f "$STATE/swarm-created" ] && swarm_active; then
        # Leaving a swarm drops the engine's published-port rules of running containers (verified 2026-11-28),
        # which would cut off another project's Compose stack on this engine: then stay, and say so.
        local others; others=$(docker ps --format '{{.Names}} {{.Ports}}' | grep -- '->' || true)
        if [ -n "$others" ] && [ "${SWARM_LEAVE_FORCE:-0}" != 1 ]; then
            say "swarm: NOT leaving the swarm: other containers publish ports on this engine (SWARM_LEAVE_FORCE=1 to leave anyway):"
            echo "$others" >&2
            return 0
        fi
        docker swarm leave --force >&2
        docker network rm docker_gwbridge >/dev/null 2>&1 || true
        rm -f "$STATE/swarm-created"
        say "swarm: left the swarm this script created"
    fi
}

case "${1:-all}" in
    up) swarm_up; echo "$BASE_URL" ;;
    check) swarm_check ;;
    down) swarm_down ;;
    render) render "${2:-dev}" ;;
    all)
        t0=$SECONDS
        trap 'rc=$?; swarm_down || true; say "swarm run took $((SECONDS - t0)) s"; exit $rc' EXIT
        swarm_up
        swarm_check
        ;;
    *) fail "usage: $0 [up|check|down|render [prod]]" ;;
esac
