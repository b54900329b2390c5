#!/usr/bin/env bash
# Every test of the project, in one command (the one README.md gives and .ci/run calls):
#   1. the servers the tests use, on loopback (scripts/test-servers.sh: PostgreSQL, RabbitMQ, Kafka, Elasticsearch),
#      unless TEST_POSTGRES_URL is already set;
#   2. scripts/preflight-test.sh and scripts/demo/postings-test.sh (seconds, no stack), then ./mvnw -B verify: every
#      module's tests (processor, services, gateway with a real nginx, SPA unit tests);
#   3. static checks of what cannot run here (Compose files, Grafana, Logstash, Kibana) and the log search on the
#      real Elasticsearch;
#   4. scripts/e2e.sh: the whole stack on a local Docker engine, its checks, api-service scaled 2 -> 4 -> 1 under
#      load (scripts/loadgen), the SPA's browser tests, the independent OIDC client (scripts/oidc-client), the fuzz
#      corpus through the gateway, the developer loop (scripts/dev-loop-check.sh: a route added in a copy answers
#      through the gateway) and the short form of the faults under load (scripts/chaos.sh short).
#   5. scripts/swarm.sh: the same stack on a swarm of this engine (docker stack deploy), the Compose e2e's checks, the
#      browser tests, the OIDC client and the fuzz sample against it, scaling, and a rolling update of api-service to
#      a new image under load; then the swarm is left again.
# Needs root on a Debian machine with the packages .ci/run installs, and JAVA_HOME at a JDK 21+.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -n "${JAVA_HOME:-}" ] && "$JAVA_HOME/bin/java" -version >/dev/null 2>&1 \
    || { echo "test.sh: set JAVA_HOME to a JDK 21 or newer" >&2; exit 1; }

if [ -z "${TEST_POSTGRES_URL:-}" ]; then
    server_env=$(scripts/test-servers.sh start)   # a failed start stops here (set -e)
    eval "$server_env"
    trap 'scripts/test-servers.sh stop >/dev/null 2>&1 || true' EXIT
fi

scripts/preflight-test.sh
scripts/demo/postings-test.sh
./mvnw -B verify
scripts/check-static.sh
scripts/log-search-test.sh
node --test scripts/loadgen/loadgen.test.mjs   # the load generator the scale check relies on (~3 s)
# The stack's steps, each bounded in time: a hung check fails with a sentence, not by running into CI's limit.
bounded() { # <limit variable> <default s> <script>: runs it, says how long it took or where it hung
    local limit=${!1:-$2} start=$SECONDS rc=0
    timeout --signal=TERM --kill-after=120 "$limit" "$3" || rc=$?
    if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
        echo "test.sh: $3 did not finish within $limit s ($1); the last step it printed above is the one that hung." >&2
    fi
    [ $rc -ne 0 ] || echo "test.sh: $3 took $((SECONDS - start)) s"
    return $rc
}
bounded E2E_TIMEOUT 2400 scripts/e2e.sh     # warm: ~11 min; a fresh machine: ~20 min
# The same stack on Docker Swarm (a swarm of this engine, after the Compose stack is gone): up, check, down.
bounded SWARM_TIMEOUT 900 scripts/swarm.sh
