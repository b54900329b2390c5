#!/bin/sh
# Starts nginx with the generated config. When LOGSTASH_SYSLOG / MTAIL_SYSLOG (host:port) is set and resolves, the
# JSON access log is also shipped to Logstash / mtail over syslog/UDP; a host that does not resolve (e.g. Logstash in
# CI) is skipped, because nginx refuses to start with a syslog host it cannot resolve.
set -eu
# The port-80 server redirects to the configured public origin (never to the client's Host header).
if [ -n "${PUBLIC_BASE_URL:-}" ]; then
    origin=${PUBLIC_BASE_URL%/}
    if ! printf '%s' "$origin" | grep -Eqx 'https://[A-Za-z0-9.-]+(:[0-9]{1,5})?'; then
        echo "gateway: PUBLIC_BASE_URL must be https://host[:port], not '$PUBLIC_BASE_URL'" >&2
        exit 1
    fi
    printf 'set $gateway_public_origin "%s";\n' "$origin" > /etc/nginx/public-origin.conf
    echo "gateway: port 80 redirects to $origin" >&2
fi
rm -f /etc/nginx/logging/*.conf
# ship_log <name> <host:port> <log_format>: also send the JSON access log there over syslog/UDP, once the host resolves.
ship_log() {
    name=$1; server=$2; format=$3; host=${server%:*}
    # A wall-clock deadline and a bounded lookup: where Logstash is absent, Docker's DNS forwards the name outside,
    # and on an internal network each lookup can hang for many seconds.
    deadline=$(( $(date +%s) + ${LOGSTASH_WAIT_SECONDS:-20} ))
    until timeout 2 getent hosts "$host" >/dev/null 2>&1 || [ "$(date +%s)" -ge "$deadline" ]; do
        sleep 1
    done
    if timeout 2 getent hosts "$host" >/dev/null 2>&1; then
        echo "access_log syslog:server=$server,tag=gateway,nohostname $format;" > "/etc/nginx/logging/$name.conf"
        echo "gateway: shipping the access log to $server ($name)" >&2
    else
        echo "gateway: $host does not resolve; access log not shipped to $name" >&2
    fi
}
if [ -n "${LOGSTASH_SYSLOG:-}" ]; then ship_log logstash "$LOGSTASH_SYSLOG" gateway_json; fi
# mtail (service gateway-metrics) turns the access log into per-route metrics; it reads newline-ended lines.
if [ -n "${MTAIL_SYSLOG:-}" ]; then ship_log mtail "$MTAIL_SYSLOG" gateway_json_lines; fi
for f in /etc/nginx/certs/gateway.crt /etc/nginx/certs/gateway.key; do
    [ -r "$f" ] || { echo "gateway: $f is missing (does the certs-init service run, or is the certs volume mounted?)" >&2; exit 1; }
done
# The discovered upstreams follow their services' replicas (README, "Scaling"): the first pass before nginx starts,
# then a watcher that rewrites the server includes and reloads nginx when a set changes. It outlives this shell
# (nginx becomes PID 1 and reaps it).
if [ -r /etc/nginx/upstreams/discovery.list ]; then
    discover-upstreams init || echo "gateway: first upstream discovery failed; starting with the placeholders" >&2
    discover-upstreams watch &
fi
exec "$@"
