#!/usr/bin/env bash
# Demo data through the public API, via the gateway only (so the outbox, Kafka, the read model, RabbitMQ, metrics
# and logs see it as real traffic): registers the demo user as the SPA's register page does, signs in with
# authorization code + PKCE, opens the accounts "Savings" (EUR) and "Travel card" (USD) beside the default "Main
# account", and posts several months of transactions (scripts/demo/postings.sh), each with a fixed Idempotency-Key:
# a second run adds nothing (api-service replays the stored transaction).
#
#   scripts/seed-demo.sh https://localhost            # the stack's PUBLIC_BASE_URL
#
# Environment: DEMO_EMAIL (demo@gatewaystack.test), DEMO_PASSWORD (demo-ledger-password), DEMO_MONTHS (6 months
# before the current one, plus the current one up to today), DEMO_TODAY (yyyy-mm-dd, default today in UTC),
# SEED_CA_FILE (PEM of the CA to verify the gateway's certificate; default: the system's trust store),
# SEED_CONNECT_TO (host:port to connect to instead of the URL's, e.g. gateway:443 inside Compose).
# Refuses any host but localhost, 127.0.0.1, [::1] and *.localhost / *.test unless DEMO_ALLOW_ANY_HOST=1: a known
# password must never be seeded into a real deployment.
# Prints progress on stderr and, last on stdout, `added=<n> replayed=<n>`. With DEMO_LOAD_RPS set it then keeps
# sending a light, steady load until stopped (scripts/demo/load.sh).
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)

ME=seed-demo
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=api.sh
. "$HERE/api.sh"

BASE_URL=${1:?usage: seed-demo.sh <base-url, e.g. https://localhost>}
BASE_URL=${BASE_URL%/}
EMAIL=${DEMO_EMAIL:-demo@gatewaystack.test}
PASSWORD=${DEMO_PASSWORD:-demo-ledger-password}
TODAY=${DEMO_TODAY:-$(date -u +%F)}
CLIENT_ID=${SEED_CLIENT_ID:-gatewaystack-spa}

host=$(printf '%s' "$BASE_URL" | sed -E 's,^https?://(\[[^]]*\]|[^/:]*).*,\1,')
case "$host" in
    localhost | 127.0.0.1 | '[::1]' | *.localhost | *.test) ;;
    *) [ "${DEMO_ALLOW_ANY_HOST:-}" = 1 ] \
        || die "$host is not a local host; demo data with a published password belongs on development stacks only (DEMO_ALLOW_ANY_HOST=1 overrides)" ;;
esac

say "registering $EMAIL at $BASE_URL"
LAST="POST /auth/register"
CODE=$("${CURL[@]}" -o "$WORK/body" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "$(jq -nc --arg e "$EMAIL" --arg p "$PASSWORD" '{email: $e, password: $p}')" \
    "$BASE_URL/auth/register") || CODE=000
case "$CODE" in
    201) say "registered" ;;
    409) say "already registered: signing in" ;;
    *) expect 201 409 ;;
esac
sign_in

# The default account arrives over RabbitMQ (user.registered → api-service) shortly after registration.
say "waiting for the default account"
deadline=$((SECONDS + ${SEED_ACCOUNT_WAIT:-90}))
while :; do
    LAST="GET /api/accounts"; api GET /api/accounts; expect 200
    MAIN=$(jq -r '[.items[] | select(.isDefault)][0].id // empty' "$WORK/body")
    [ -z "$MAIN" ] || break
    [ $SECONDS -lt $deadline ] || die "the default account did not appear (user.registered over RabbitMQ)"
    sleep 1
done
account() { # account <name> <currency>: the id of the open account of that name, opened if missing
    local id; id=$(jq -r --arg n "$1" '[.items[] | select(.name == $n and .status == "OPEN")][0].id // empty' "$WORK/accounts")
    if [ -z "$id" ]; then
        LAST="POST /api/accounts ($1)"
        api POST /api/accounts "$(jq -nc --arg n "$1" --arg c "$2" '{name: $n, currency: $c}')"; expect 201
        id=$(jq -r .id "$WORK/body"); say "opened $1 ($2)"
    fi
    echo "$id"
}
cp "$WORK/body" "$WORK/accounts"
declare -A ID=([main]=$MAIN) CURRENCY=([main]=$(jq -r --arg id "$MAIN" '.items[] | select(.id == $id).currency' "$WORK/accounts"))
ID[savings]=$(account Savings EUR); CURRENCY[savings]=EUR
ID[travel]=$(account "Travel card" USD); CURRENCY[travel]=USD
[ "${CURRENCY[main]}" = EUR ] || die "the default account is in ${CURRENCY[main]}, the demo postings are in EUR (LEDGER_DEFAULT_CURRENCY)"

"$HERE/postings.sh" "$TODAY" > "$WORK/postings"
say "posting $(wc -l < "$WORK/postings") transactions ($(cut -f3 "$WORK/postings" | sort | sed -n '1p;$p' | paste -sd' ' | sed 's/ / to /'))"
added=0 replayed=0
while IFS=$'\t' read -r acct key date amount category description; do
    LAST="POST /api/accounts/${ID[$acct]}/transactions ($key)"
    # printf, not jq: one process less per posting (jq costs ~0.1 s on a busy machine); postings.sh writes plain
    # text only, which this pattern checks, so nothing needs escaping.
    [[ "$amount$date$category$description" =~ ^[-A-Za-z0-9\ ,.]+$ ]] || die "postings.sh wrote unsafe text: $description"
    IDEMPOTENCY_KEY=$key api POST "/api/accounts/${ID[$acct]}/transactions" "$(printf \
        '{"amountMinor":%s,"currency":"%s","bookingDate":"%s","description":"%s","category":"%s"}' \
        "$amount" "${CURRENCY[$acct]}" "$date" "$description" "$category")"
    expect 201
    if grep -qi '^idempotent-replayed: *true' "$WORK/headers"; then replayed=$((replayed + 1)); else added=$((added + 1)); fi
done < "$WORK/postings"

LAST="GET /api/accounts"; api GET /api/accounts; expect 200
jq -r '.items[] | (.balanceMinor | fabs) as $a | "seed-demo:   \(.name): \(if .balanceMinor < 0 then "-" else "" end)\($a / 100 | floor).\($a % 100 + 100 | tostring | .[1:]) \(.currency)"' "$WORK/body" >&2
say "done: $added added, $replayed already there. Sign in at $BASE_URL as $EMAIL / $PASSWORD"
echo "added=$added replayed=$replayed"
# shellcheck source=load.sh
[ -z "${DEMO_LOAD_RPS:-}" ] || . "$HERE/load.sh"
