#!/usr/bin/env bash
# Tests scripts/preflight.sh without a stack (run by scripts/test.sh; a few seconds): a port taken by a small
# listener makes it stop with that port's sentence and exit 1, the same port free passes; thresholds above what the
# machine has make the memory and vm.max_map_count checks fail with their sentences.
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "preflight-test: FAIL: $*" >&2; exit 1; }

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
https_port=$(free_port); http_port=$(free_port)
run() { # run <env...>: preflight's output in $OUT, its exit status in $RC
    RC=0; OUT=$(env GATEWAY_BIND=127.0.0.1 GATEWAY_HTTPS_PORT="$https_port" GATEWAY_HTTP_PORT="$http_port" "$@" \
        scripts/preflight.sh 2>&1) || RC=$?
}

# A listener on the HTTPS port, as another web server would hold 443.
python3 -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(); print("listening", flush=True); time.sleep(120)' "$https_port" \
    > "${TMPDIR:-/tmp}/preflight-test-listener.$$" &
listener=$!
trap 'kill "$listener" 2>/dev/null || true; rm -f "${TMPDIR:-/tmp}/preflight-test-listener.$$"' EXIT
for _ in $(seq 1 50); do grep -q listening "${TMPDIR:-/tmp}/preflight-test-listener.$$" 2>/dev/null && break; sleep 0.1; done

run PREFLIGHT_ONLY=ports
[ "$RC" = 1 ] || fail "a taken port: exit $RC, not 1: $OUT"
echo "$OUT" | grep -q "FAIL ports: port $https_port (GATEWAY_HTTPS_PORT) is taken by .*: stop that program, or set GATEWAY_HTTPS_PORT to a free port" \
    || fail "a taken port: no sentence naming port $https_port: $OUT"
[ "$(echo "$OUT" | grep -c '^preflight: FAIL')" = 1 ] || fail "a taken port: other checks failed too: $OUT"
echo "$OUT" | grep -q "ok   ports: $http_port free" || fail "the free HTTP port was not reported free: $OUT"

kill "$listener"; wait "$listener" 2>/dev/null || true
run PREFLIGHT_ONLY=ports
[ "$RC" = 0 ] || fail "both ports free: exit $RC: $OUT"

run PREFLIGHT_ONLY=memory PREFLIGHT_MIN_MEMORY_MIB=99999999
[ "$RC" = 1 ] && echo "$OUT" | grep -q 'FAIL memory: .*the stack needs about 99999999 MiB' || fail "memory: $OUT"
if [ -r /proc/sys/vm/max_map_count ] && [ "$(uname -s)" = Linux ]; then
    run PREFLIGHT_ONLY=max_map_count PREFLIGHT_MIN_MAP_COUNT=2147483647
    [ "$RC" = 1 ] && echo "$OUT" | grep -q 'FAIL max_map_count: .*sysctl -w vm.max_map_count=2147483647' \
        || fail "max_map_count: $OUT"
    run PREFLIGHT_ONLY=max_map_count PREFLIGHT_MIN_MAP_COUNT=1
    [ "$RC" = 0 ] || fail "max_map_count at 1: $OUT"
fi
run PREFLIGHT_ONLY=ports PREFLIGHT_SKIP=ports
[ "$RC" = 0 ] && ! echo "$OUT" | grep -q ports || fail "PREFLIGHT_SKIP did not skip: $OUT"
echo "preflight-test: ok (taken port, free ports, memory, vm.max_map_count, skip)"
