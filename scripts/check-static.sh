#!/usr/bin/env bash
# Static checks for what cannot run here (Grafana, Logstash, Kibana have no obtainable image) and for the Compose
# files: every file must be well-formed and reference what exists. Needs docker-compose (or the compose plugin),
# python3 with PyYAML, and promtool when installed (Debian package prometheus).
set -euo pipefail
cd "$(dirname "$0")/.."
fail() { echo "check-static: FAIL: $*" >&2; exit 1; }
COMPOSE=docker-compose; command -v docker-compose >/dev/null || COMPOSE="docker compose"

$COMPOSE -f compose.yaml config -q || fail "compose.yaml does not validate"
secrets=$(mktemp -d); trap 'rm -rf "$secrets"' EXIT
for f in postgres_password api_db_password auth_db_password rabbitmq_user rabbitmq_password rabbitmq_uri \
         rabbitmq_credentials.conf grafana_admin_password admin_email admin_password; do echo x > "$secrets/$f"; done
prod_env=(env TAG=check TLS_CERT_DIR="$secrets" SECRETS_DIR="$secrets" PUBLIC_BASE_URL=https://example.test)
"${prod_env[@]}" $COMPOSE -f compose.yaml -f compose.prod.yaml config -q || fail "compose.prod.yaml does not validate"
"${prod_env[@]}" $COMPOSE -f compose.yaml -f compose.prod.yaml -f compose.staging.yaml config -q \
    || fail "compose.staging.yaml does not validate"
$COMPOSE -f compose.yaml -f compose.ci.yaml config -q || fail "compose.ci.yaml does not validate"
# No default credentials in production: without the secret variables, the prod override must refuse.
if env -u SECRETS_DIR $COMPOSE -f compose.yaml -f compose.prod.yaml config -q >/dev/null 2>&1; then
    fail "compose.prod.yaml validates without SECRETS_DIR/TLS_CERT_DIR/TAG; it must require them"
fi
if command -v promtool >/dev/null; then
    promtool check config --syntax-only infra/prometheus/prometheus.yml >/dev/null || fail "prometheus.yml"
    promtool check rules infra/prometheus/rules/*.rules.yml >/dev/null || fail "infra/prometheus/rules"
    for t in infra/prometheus/rules/*.test.yml; do
        (cd "$(dirname "$t")" && promtool test rules "$(basename "$t")" >/dev/null) || fail "promtool test rules $t"
    done
fi
python3 scripts/check_static.py
# The Swarm stack of the production profile (scripts/swarm_stack.py): every secret a Swarm secret, the TLS key too,
# nothing Swarm ignores left in, the internal overlay internal, stateful services pinned.
tls=$(mktemp -d); echo c > "$tls/gateway.crt"; echo k > "$tls/gateway.key"
env TAG=check TLS_CERT_DIR="$tls" SECRETS_DIR="$secrets" PUBLIC_BASE_URL=https://example.test \
    $COMPOSE -f compose.yaml -f compose.prod.yaml config | python3 scripts/swarm_stack.py | python3 -c '
import sys, yaml
stack, prod = yaml.safe_load(sys.stdin), yaml.safe_load(open("compose.prod.yaml"))
err = []
if stack["version"] != "3.8": err.append("stack version")
for name in prod["secrets"]:
    if name not in stack["secrets"]: err.append(f"secret {name} is not a Swarm secret")
for s, svc in stack["services"].items():
    for key in ("build", "depends_on", "mem_limit", "restart", "network_mode", "shm_size"):
        if key in svc: err.append(f"{s} keeps {key}")
    for want in (prod["services"].get(s) or {}).get("secrets", []):
        src = want if isinstance(want, str) else want["source"]
        if src not in [x if isinstance(x, str) else x["source"] for x in svc.get("secrets", [])]:
            err.append(f"{s} lost secret {src}")
    if s in ("postgres", "rabbitmq", "kafka", "elasticsearch") and "placement" not in svc["deploy"]:
        err.append(f"{s} is not pinned to a node")
gw = stack["services"]["gateway"]
if not any(x["target"] == "/etc/nginx/certs/gateway.key" for x in gw.get("secrets", [])):
    err.append("the TLS key is not a Swarm secret")
if not stack["networks"]["internal"].get("internal"): err.append("the internal overlay is not internal")
if stack["services"]["api-service"]["deploy"]["update_config"]["order"] != "start-first": err.append("update order")
if err: sys.exit("check-static: FAIL: swarm stack: " + "; ".join(err))
' || fail "the Swarm stack of the production profile"
rm -rf "$tls"
infra/grafana/build-dashboard.py --check || fail "the Grafana dashboard is not build-dashboard.py's output"
# The PromQL name extraction the live series check (scripts/e2e.sh) relies on.
(cd scripts/series-check && { [ -d node_modules ] || npm ci --no-audit --no-fund >&2; } && npm test >/dev/null) \
    || fail "scripts/series-check unit tests"
echo "check-static: ok"
