#!/usr/bin/env bash
# The developer loop, measured and proven on a stack left running by `scripts/e2e.sh up` (same E2E_* variables):
# in a copy of this tree, adds an annotated route (GET /api/status/ping) to api-service, then runs the README's
# steps and times them:
#   1. ./mvnw -q package -pl api-service,gateway -am -Dmaven.test.skip=true  (the jar, its routing, the gateway config)
#   2. docker compose build api-service gateway, then up -d --no-build --no-deps gateway, then the same for
#      api-service with --scale api-service=N
# and waits until the new route answers 200 through the gateway. Then recreates the three from this tree again
# and checks the route is gone (404), leaving the stack as it was (DEV_LOOP_NO_RESTORE=1 skips that).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
say() { echo "dev-loop: $*" >&2; }
fail() { echo "dev-loop: FAIL: $*" >&2; exit 1; }

# The variables scripts/e2e.sh sets for Compose: the recreated containers must get the same configuration.
PROJECT=${E2E_PROJECT:-gatewaystack-e2e}
export GATEWAY_BIND=127.0.0.1 GATEWAY_HTTPS_PORT=${E2E_HTTPS_PORT:-28443} GATEWAY_HTTP_PORT=${E2E_HTTP_PORT:-28080}
export PUBLIC_BASE_URL="https://localhost:$GATEWAY_HTTPS_PORT"
STATE=$ROOT/target/e2e-state
[ -f "$STATE/mode" ] || fail "no stack from scripts/e2e.sh up found in $STATE"
FILES=(-f compose.yaml); [ "$(cat "$STATE/mode")" = standins ] && FILES+=(-f compose.ci.yaml)
COMPOSE=docker-compose; command -v docker-compose >/dev/null || COMPOSE="docker compose"
# This stack's development CA (a later `up` makes a new one).
$COMPOSE -p "$PROJECT" "${FILES[@]}" exec -T gateway cat /etc/nginx/certs/ca.crt > "$STATE/ca.crt" \
    || fail "cannot read the development CA from the gateway of project $PROJECT; is the stack up (scripts/e2e.sh up)?"
url="$PUBLIC_BASE_URL/api/status/ping"
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 --cacert "$STATE/ca.crt" "$url" || true; }
[ "$(status)" = 404 ] || fail "$url already answers $(status) before the change"

# Both images are built first, while the old containers serve; then the gateway (its depends_on is checked even with
# --no-deps, and the old replicas are healthy), then the replicas: the gateway's discovery follows their new
# addresses, and the route answers once one of them is up. Nobody waits for a health check in between.
recreate() { # recreate <tree>
    # As many replicas as run now (without --scale, up would bring the service back to one).
    local replicas; replicas=$($COMPOSE -p "$PROJECT" "${FILES[@]}" ps -q api-service | wc -l)
    (cd "$1" && $COMPOSE -p "$PROJECT" "${FILES[@]}" build api-service gateway >&2 \
        && $COMPOSE -p "$PROJECT" "${FILES[@]}" up -d --no-build --no-deps gateway >&2 \
        && $COMPOSE -p "$PROJECT" "${FILES[@]}" up -d --no-build --no-deps \
            --scale "api-service=$((replicas > 0 ? replicas : 1))" api-service >&2)
}

copy=$(mktemp -d)
trap 'rm -rf "$copy"' EXIT
tar -C "$ROOT" --exclude=./.git --exclude=./frontend/node_modules --exclude='./scripts/*/node_modules' -c . | tar -C "$copy" -x
handler=$copy/api-service/src/main/java/dev/gatewaystack/api/StatusHandler.java
# The new route: one annotated method; the processor adds it to the routing and the manifest, the gateway renders it.
python3 - "$handler" <<'PY'
import sys
p = sys.argv[1]; s = open(p).read().rstrip()
assert s.endswith("}")
open(p, "w").write(s[:-1] + '''
    @Route(path = "/api/status/ping", methods = HttpMethod.GET)
    public void ping(ServerRequest request, ServerResponse response) {
        JsonBodies.sendBytes(response, Status.OK_200, body); // the status body, which names this replica
    }
}
''')
PY

t0=$SECONDS
(cd "$copy" && ./mvnw -B -q -o package -pl api-service,gateway -am -Dmaven.test.skip=true >&2) \
    || fail "the build of the copy failed"
t_build=$((SECONDS - t0))
grep -q 'location = /api/status/ping' "$copy/gateway/target/nginx/nginx.conf" || fail "the gateway config has no location for the new route"
say "1. ./mvnw package -pl api-service,gateway -am: ${t_build} s"
t1=$SECONDS
recreate "$copy"
t_up=$((SECONDS - t1))
deadline=$((SECONDS + 180))
until [ "$(status)" = 200 ]; do
    [ $SECONDS -lt $deadline ] || fail "$url did not answer 200 within 180 s of the recreate (last: $(status))"
    sleep 1
done
t_live=$((SECONDS - t1))
body=$(curl -s --max-time 5 --cacert "$STATE/ca.crt" "$url")
echo "$body" | grep -q '"instance"' || fail "$url answered $body"
say "2. build both images, recreate the gateway, then the replicas: ${t_up} s; the route answered through the gateway ${t_live} s after step 2 began"
say "developer loop: $((t_build + t_live)) s from saving the handler to the new route answering ($body)"

[ -n "${DEV_LOOP_NO_RESTORE:-}" ] && { echo "dev-loop: ok build=${t_build}s recreate=${t_up}s live=${t_live}s (not restored)"; exit 0; }
say "restoring the stack from $ROOT"
recreate "$ROOT"
deadline=$((SECONDS + 180))
until [ "$(status)" = 404 ] && curl -fs -o /dev/null --max-time 5 --cacert "$STATE/ca.crt" "$PUBLIC_BASE_URL/api/status"; do
    [ $SECONDS -lt $deadline ] || fail "the restored stack does not answer as before (ping: $(status))"
    sleep 1
done
echo "dev-loop: ok build=${t_build}s recreate=${t_up}s live=${t_live}s total=$((t_build + t_live))s"
