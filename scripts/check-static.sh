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
infra/grafana/build-dashboard.py --check || fail "the Grafana dashboard is not build-dashboard.py's output"
# The PromQL name extraction the live series check (scripts/e2e.sh) relies on.
(cd scripts/series-check && { [ -d node_modules ] || npm ci --no-audit --no-fund >&2; } && npm test >/dev/null) \
    || fail "scripts/series-check unit tests"
echo "check-static: ok"
