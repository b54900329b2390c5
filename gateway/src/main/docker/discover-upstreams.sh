#!/bin/bash
# discover-upstreams: keeps the servers of the gateway's discovered upstreams equal to the live replicas of each
# service, so `docker compose up --scale api-service=N` (or a Swarm service's replicas) reaches the gateway within
# seconds with no edit, rebuild or restart. Works on any nginx (1.22 has no `resolve` on upstream servers).
#
#   discover-upstreams init    one pass writing the includes, no reload (the entrypoint, before nginx starts)
#   discover-upstreams sync    one pass; reloads nginx when a set changed
#   discover-upstreams watch   sync every DISCOVERY_INTERVAL seconds (default 2), forever
#
# upstreams/discovery.list (next to nginx.conf, written by GatewayGenerator) has a line per discovered upstream:
# "service port server-parameters...". For each, the service's name (DISCOVERY_NAME_PREFIX + service; Swarm:
# "tasks.") is resolved (Docker's DNS answers every live replica); an address is kept once it accepts TCP on the
# port, so a replica still starting gets no request. upstreams/<service>.conf is rewritten only when the set
# changes; then `nginx -t` validates the config and `nginx -s reload` swaps it gracefully (old workers finish their
# in-flight requests). If nginx -t refuses it, the previous file is put back. No address: the placeholder
# (<service>.empty, the local server answering a 503 problem at once). A failed lookup (timeout, server failure)
# keeps the current servers: a DNS hiccup never empties an upstream; passive health checks cover dead servers.
#
# Environment: NGINX_CONF (/etc/nginx/nginx.conf), NGINX_BIN (nginx), NGINX_PREFIX (nginx -p, optional),
# DISCOVERY_INTERVAL (2), DISCOVERY_NAME_PREFIX (""), DISCOVERY_RESOLVER (a command printing a name's addresses one
# per line, exit 2 when it has none; default getent ahostsv4), DISCOVERY_PROBE_TIMEOUT (1 s).
set -u

CONF=${NGINX_CONF:-/etc/nginx/nginx.conf}
DIR=$(dirname "$CONF")/upstreams
LIST=$DIR/discovery.list
NGINX=${NGINX_BIN:-nginx}
NGINX_ARGS=(-c "$CONF")
[ -z "${NGINX_PREFIX:-}" ] || NGINX_ARGS=(-p "$NGINX_PREFIX" -c "$CONF")
PREFIX=${DISCOVERY_NAME_PREFIX:-}

log() { echo "discover-upstreams: $*" >&2; }

# A name's IPv4 addresses, one per line, sorted; exit 2 when the name has none, another non-zero code on failure.
resolve() {
    if [ -n "${DISCOVERY_RESOLVER:-}" ]; then
        $DISCOVERY_RESOLVER "$1"
        return
    fi
    local out rc
    out=$(timeout 3 getent ahostsv4 "$1")
    rc=$?
    [ $rc -eq 0 ] || return $rc
    printf '%s\n' "$out" | awk '{print $1}' | sort -u
}

# Whether address:port accepts a TCP connection.
accepts() {
    timeout "${DISCOVERY_PROBE_TIMEOUT:-1}" bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# The include's text for one upstream; fails (prints nothing) when the lookup failed.
servers_of() {
    local service=$1 port=$2 params=$3 addresses rc text="" a
    addresses=$(resolve "$PREFIX$service")
    rc=$?
    if [ $rc -ne 0 ] && [ $rc -ne 2 ]; then
        return 1
    fi
    for a in $addresses; do
        if accepts "$a" "$port"; then
            text+="server $a:$port $params;"$'\n'
        fi
    done
    if [ -z "$text" ]; then
        cat "$DIR/$service.empty"
    else
        printf '# %s, written by discover-upstreams\n%s' "$PREFIX$service" "$text"
    fi
}

# One pass; $1 = reload | noreload.
sync_once() {
    local mode=$1 service port params new changed=()
    [ -r "$LIST" ] || { log "$LIST is missing"; return 1; }
    while read -r service port params; do
        case "$service" in '' | '#'*) continue ;; esac
        if ! new=$(servers_of "$service" "$port" "$params"); then
            log "cannot resolve $PREFIX$service; keeping its servers"
            continue
        fi
        if [ "$new" != "$(cat "$DIR/$service.conf" 2>/dev/null)" ]; then
            cp "$DIR/$service.conf" "$DIR/$service.conf.previous" 2>/dev/null || true
            printf '%s\n' "$new" > "$DIR/$service.conf.next" && mv "$DIR/$service.conf.next" "$DIR/$service.conf"
            changed+=("$service")
            log "$service: $(printf '%s\n' "$new" | sed -n 's/^server \([^ ]*\) .*/\1/p' | xargs echo) (${#changed[@]} changed)"
        fi
    done < "$LIST"
    [ ${#changed[@]} -gt 0 ] && [ "$mode" = reload ] || return 0
    local out
    if out=$("$NGINX" "${NGINX_ARGS[@]}" -t 2>&1); then
        "$NGINX" "${NGINX_ARGS[@]}" -s reload && log "nginx reloaded"
    else
        log "nginx -t refused the new servers of ${changed[*]}; keeping the previous ones: $out"
        for service in "${changed[@]}"; do
            mv "$DIR/$service.conf.previous" "$DIR/$service.conf" 2>/dev/null || true
        done
        return 1
    fi
}

case "${1:-}" in
    init) sync_once noreload ;;
    sync) sync_once reload ;;
    watch)
        while :; do
            sync_once reload || true
            sleep "${DISCOVERY_INTERVAL:-2}"
        done ;;
    *) echo "usage: $0 init|sync|watch" >&2; exit 2 ;;
esac
