#!/usr/bin/env bash
# The stack on Docker Swarm (README, "The stack on Docker Swarm"): a stack file derived from compose.yaml
# (scripts/swarm_stack.py over `docker-compose config`), deployed with `docker stack deploy` on this engine.
#
#   scripts/swarm.sh up       swarm init if needed (--default-addr-pool 10.230.0.0/16), images, node labels, deploy;
#                             waits until every service runs healthy and the init jobs completed
#   scripts/swarm.sh check    the Compose e2e's checks (scripts/e2e.sh's check functions on this engine's primitives),
#                             the SPA's browser tests, the OIDC client; api-service scaled 2 -> 3 followed by the
#                             gateway; a rolling update of api-service to a new image (start-first) under
#                             scripts/loadgen with 0 failed requests; last the fuzz sample
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
# The demo seeder (Compose profile `demo`) runs as a one-shot service of the stack, as docker-compose 1.29 runs it in
# the e2e: `check` then checks its data (demo_data). SWARM_PROFILES="" leaves it out.
export SWARM_PROFILES=${SWARM_PROFILES-demo}

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
    compose build gateway gateway-metrics api-service auth-service certs-init nginx-exporter demo-seed-init >&2
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

# The primitives scripts/e2e.sh's check functions use, for this stack's tasks: the same checks run here.
NAMESPACE=$STACK
service_containers() { docker ps -q --filter "label=com.docker.swarm.service.name=${STACK}_$1"; }   # running tasks
exec_prefix() {
    local id; id=$(service_containers "$1" | head -1)
    [ -n "$id" ] || return 1
    echo "docker exec -i $id"
}
# Every task container's lines, old tasks included (Swarm keeps the last ones of each slot), read on this node with
# `docker logs`: `docker service logs --raw` (the multi-node way) hung here for minutes at times (2026-11-29).
service_logs() {
    local s id
    for s in "$@"; do
        for id in $(docker ps -aq --filter "label=com.docker.swarm.service.name=${STACK}_$s"); do
            docker logs "$id" 2>&1
        done
    done
}
published_ports() { docker service inspect -f '{{range .Spec.EndpointSpec.Ports}}{{.TargetPort}}/{{.Protocol}} {{end}}' "${STACK}_$1"; }
services_to_start() { docker stack services "$STACK" --format '{{.Name}}' | sed "s/^${STACK}_//"; }
host_listeners() {
    # Host-mode ports (kernels without IPVS): docker-proxy on every address of the node, as Swarm cannot bind one.
    # Ingress-mode ports are the routing mesh's (no docker-proxy): not comparable, said by the caller (status 2).
    local mode; mode=$(docker service inspect -f '{{range .Spec.EndpointSpec.Ports}}{{.PublishMode}} {{end}}' "${STACK}_gateway")
    [ "$(echo $mode)" = "host host" ] || return 2
    printf '0.0.0.0:%s\n[::]:%s\n' "$GATEWAY_HTTP_PORT" "$GATEWAY_HTTP_PORT" "$GATEWAY_HTTPS_PORT" "$GATEWAY_HTTPS_PORT"
}

task_instances() {   # the short container ids (= HOSTNAME = /api/status instance) of the service's running tasks
    service_containers api-service | cut -c1-12 | sort
}

status_instances() {   # the instances answering /api/status through the gateway (60 requests)
    local i
    for i in $(seq 1 60); do "${curl[@]}" "$BASE_URL/api/status" | jq -r .instance; done | sort -u
}

TIMES=""
timed() {   # <function>: runs it, notes how long it took
    local t=$SECONDS
    "$@"
    TIMES+=" $1=$((SECONDS - t))s"
}

swarm_check() {
    local t0=$SECONDS ca="$STATE/ca.crt" token ips=()
    mkdir -p "$STATE"
    gateway_ca > "$ca"
    local curl=(curl -sS --max-time 10 --cacert "$ca" --resolve "localhost:$GATEWAY_HTTPS_PORT:127.0.0.1")
    # The Compose e2e's checks (scripts/e2e.sh), on this engine's primitives above; then the SPA's browser tests and
    # the independent OIDC client. The fuzz sample comes last: it trips the per-address rate limits.
    timed gateway_checks
    timed replicas_serve_check
    timed prometheus_targets_check
    timed published_ports_check
    timed edge_isolation_check
    timed admin_paths_check
    timed series_check
    timed demo_data
    timed log_search
    timed browser
    timed oidc_client
    timed scale_to_three
    timed rolling_update_new_image
    timed fuzz
    say "swarm check: all passed in $((SECONDS - t0)) s:$TIMES"
}

scale_to_three() {
    say "swarm check: api-service scaled 2 -> 3 is followed by the gateway"
    local scale_ms deadline=$((SECONDS + 120))
    scale_ms=$(date +%s%3N)
    docker service scale -d "${STACK}_api-service=3" >/dev/null
    until [ "$(task_instances | wc -l)" = 3 ] && [ "$(status_instances)" = "$(task_instances)" ]; do
        [ $SECONDS -lt $deadline ] || fail "after scaling to 3, /api/status answered from [$(status_instances | xargs)], tasks are [$(task_instances | xargs)]"
        sleep 2
    done
    say "swarm check: 3 replicas serving $(( ($(date +%s%3N) - scale_ms) / 1000 )) s after docker service scale"
}

# A rolling update to a new image (docker service update --image; start-first, one task at a time) under
# scripts/loadgen. The new image is the compose-built one with a label naming the moment of the rollout: another image
# id, built offline in a second. (A rerun on the same stack rolls back to the compose-built image, also another id.)
rolling_update_new_image() {
    local service="${STACK}_api-service" old_ref base new_ref old_id new_id
    old_ref=$(docker service inspect -f '{{.Spec.TaskTemplate.ContainerSpec.Image}}' "$service" | sed 's/@.*//')
    base=${old_ref%-next}
    if [ "$old_ref" = "$base" ]; then
        new_ref=$base-next
        docker build -q --label "gatewaystack.rollout=$(date -u +%FT%TZ)" -t "$new_ref" - <<<"FROM $base" >/dev/null
    else
        new_ref=$base
    fi
    old_id=$(docker image inspect -f '{{.Id}}' "$old_ref")
    new_id=$(docker image inspect -f '{{.Id}}' "$new_ref")
    [ "$old_id" != "$new_id" ] || fail "the new image $new_ref is the running one ($old_id)"
    say "swarm check: rolling update of api-service from $old_ref (${old_id:7:12}) to $new_ref (${new_id:7:12}) under load"
    local dir="$STATE/rolling" before
    rm -rf "$dir"; mkdir -p "$dir"
    local user account
    user=$(registered_user_with_account swarm 60)
    read -r token account <<<"$user"
    before=$(task_instances)
    node scripts/loadgen/loadgen.mjs --url "$BASE_URL" --ca "$ca" --token "$token" --duration 900 \
        --rate "${SWARM_LOAD_RATE:-25}" --concurrency 256 --var "account=$account" \
        --mix 'GET /api/status=4;GET /api/accounts/${account}/balance=1;POST /api/accounts/${account}/transactions=2' \
        --body '{"amountMinor":-1,"currency":"EUR","bookingDate":"2026-11-28","description":"${key}","category":"groceries"}' \
        --record-field instance --out "$dir/attempts.jsonl" --summary "$dir/summary.json" > /dev/null &
    local loadgen=$! update_t0=$SECONDS
    BACKGROUND+=" $loadgen"
    sleep 5
    # --no-resolve-image: no registry to ask for a digest; the image is on this (every) node.
    docker service update --image "$new_ref" --no-resolve-image --detach=false "$service" > "$dir/update.log" 2>&1 \
        || fail "docker service update failed: $(tail -5 "$dir/update.log")"
    # --detach=false returns once the last task runs; the update completes after update_config's monitor window.
    local state deadline=$((SECONDS + 120))
    while state=$(docker service inspect -f '{{.UpdateStatus.State}}' "$service"); [ "$state" = updating ]; do
        [ $SECONDS -lt $deadline ] || break
        sleep 2
    done
    local update_s=$((SECONDS - update_t0 - 5)) done_ms; done_ms=$(date +%s%3N)
    [ "$state" = completed ] \
        || fail "the rolling update did not complete: $(docker service inspect -f '{{json .UpdateStatus}}' "$service")"
    sleep 8
    kill -TERM "$loadgen"; wait "$loadgen" || true
    local summary="$dir/summary.json"
    say "swarm check: update took $update_s s; load: $(jq -c '{started, skipped, gets, posts, latencyMs}' "$summary")"
    [ "$(jq '.gets.failed + .posts.failed + .skipped' "$summary")" = 0 ] \
        || fail "requests failed during the rolling update: $(jq -c .byKind "$summary")"
    acknowledged_are_stored_once "$dir" "$account" "$token"
    # Every running task runs the new image: the service's spec, each task's spec, each task container's image id.
    [ "$(docker service inspect -f '{{.Spec.TaskTemplate.ContainerSpec.Image}}' "$service" | sed 's/@.*//')" = "$new_ref" ] \
        || fail "the service's spec does not name $new_ref"
    local images; images=$(docker service ps "$service" --filter desired-state=running --format '{{.Image}}' | sed 's/@.*//' | sort -u)
    [ "$images" = "$new_ref" ] || fail "running tasks' images: [$(echo $images)], not only $new_ref"
    local after id; after=$(task_instances)
    [ "$(echo "$after" | grep -c .)" = 3 ] || fail "after the update $(echo "$after" | grep -c .) tasks run, not 3"
    for id in $after; do
        [ "$(docker inspect -f '{{.Image}}' "$id")" = "$new_id" ] || fail "task container $id runs $(docker inspect -f '{{.Image}}' "$id"), not $new_id"
    done
    [ -z "$(comm -12 <(echo "$before") <(echo "$after"))" ] || fail "tasks survived the update: $(comm -12 <(echo "$before") <(echo "$after") | xargs)"
    local late; late=$(jq -r --argjson from "$done_ms" 'select(.fields.instance and .at >= $from) | .fields.instance' "$dir/attempts.jsonl" | sort -u)
    [ -n "$late" ] && [ -z "$(comm -23 <(echo "$late") <(echo "$after"))" ] \
        || fail "after the update completed the load saw instances [$(echo $late)], tasks are [$(echo $after)]"
    [ "$(status_instances)" = "$after" ] || fail "after the update /api/status answered from [$(status_instances | xargs)], tasks are [$(echo $after)]"
    say "swarm check: every api-service task runs $new_ref (${new_id:7:12}); the 3 instances answering /api/status are new; $(wc -l < "$dir/acknowledged") POSTs acknowledged = stored once"
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

save_logs() {   # on a failed run: every task's lines and the tasks' states, as scripts/e2e.sh keeps the containers'
    local dir=$ROOT/target/swarm-logs s
    mkdir -p "$dir"
    docker stack ps "$STACK" --no-trunc > "$dir/ps.txt" 2>&1 || true
    for s in $(services_to_start 2>/dev/null); do service_logs "$s" > "$dir/$s.log" 2>&1 || true; done
    say "swarm: task logs kept in $dir"
}

case "${1:-all}" in
    up) swarm_up; echo "$BASE_URL" ;;
    check) swarm_check ;;
    down) swarm_down ;;
    render) render "${2:-dev}" ;;
    all)
        t0=$SECONDS
        trap 'rc=$?; if [ $rc -ne 0 ]; then save_logs; fi; swarm_down || true; say "swarm run took $((SECONDS - t0)) s"; exit $rc' EXIT
        swarm_up
        swarm_check
        ;;
    *) fail "usage: $0 [up|check|down|render [prod]]" ;;
esac
