#!/usr/bin/env bash
# Checks, through the gateway, what scripts/seed-demo.sh left in a stack, then runs it again and checks that the
# second run adds nothing. Run by scripts/e2e.sh (demo_data); by hand against any seeded stack:
#
#   scripts/seed-demo.sh https://localhost:8643 && scripts/demo/check.sh https://localhost:8643
#
# Same environment as seed.sh (DEMO_EMAIL, DEMO_PASSWORD, DEMO_MONTHS, SEED_CA_FILE, ...); DEMO_TODAY must be the
# day the seed ran (default today). Expected values come from the plan (scripts/demo/postings.sh), observed ones
# from the API: the accounts' transactions (all pages), balances, the monthly summaries of the Kafka-fed read model,
# a statement export (RabbitMQ work queue) and its CSV. Assumes the demo user posted nothing else.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ME=check-demo
BASE_URL=${1:?usage: check.sh <base-url>}
BASE_URL=${BASE_URL%/}
EMAIL=${DEMO_EMAIL:-demo@gatewaystack.test}
PASSWORD=${DEMO_PASSWORD:-demo-ledger-password}
TODAY=${DEMO_TODAY:-$(date -u +%F)}
CLIENT_ID=${SEED_CLIENT_ID:-gatewaystack-spa}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# shellcheck source=api.sh
. "$HERE/api.sh"
sign_in

"$HERE/postings.sh" "$TODAY" | jq -Rc 'split("\t") | {account: .[0], key: .[1], date: .[2], amount: (.[3] | tonumber),
    category: .[4], description: .[5]}' | jq -s . > "$WORK/plan.json"
PLANNED=$(jq length "$WORK/plan.json")
MONTHS=$(jq -r '[.[].date[0:7]] | unique | .[]' "$WORK/plan.json")

LAST="GET /api/accounts"; api GET /api/accounts; expect 200; cp "$WORK/body" "$WORK/accounts.json"
declare -A ID
for spec in "main:Main account:EUR" "savings:Savings:EUR" "travel:Travel card:USD"; do
    IFS=: read -r acct name currency <<<"$spec"
    ID[$acct]=$(jq -r --arg n "$name" --arg c "$currency" \
        '[.items[] | select(.name == $n and .currency == $c and .status == "OPEN")] | if length == 1 then .[0].id else empty end' \
        "$WORK/accounts.json")
    [ -n "${ID[$acct]}" ] || die "not exactly one open account '$name' in $currency: $(cat "$WORK/accounts.json")"
done

# transactions <acct>: every transaction of the account (following nextCursor), as a JSON array.
transactions() {
    local cursor="" out="$WORK/all-$1.json"
    echo '[]' > "$out"
    while :; do
        LAST="GET transactions of $1"; api GET "/api/accounts/${ID[$1]}/transactions?limit=100${cursor:+&cursor=$cursor}"; expect 200
        jq -s '.[0] + .[1].items' "$out" "$WORK/body" > "$out.new" && mv "$out.new" "$out"
        cursor=$(jq -r '.nextCursor // empty' "$WORK/body")
        [ -n "$cursor" ] || break
    done
    cat "$out"
}

# ledger_matches_plan: per account, the stored postings equal the planned ones and the balance is their sum.
# Leaves each account's transaction ids in $WORK/ids-<acct>.
ledger_matches_plan() {
    local acct want got balance
    for acct in main savings travel; do
        want=$(jq -c --arg a "$acct" '[.[] | select(.account == $a) | [.date, .amount, .category, .description]] | sort' "$WORK/plan.json")
        transactions "$acct" > "$WORK/tx.json"
        got=$(jq -c '[.[] | [.bookingDate, .amountMinor, .category, .description]] | sort' "$WORK/tx.json")
        [ "$got" = "$want" ] || die "the $acct account holds $(jq length "$WORK/tx.json") transactions, not the $(echo "$want" | jq length) planned ones (or other values)"
        jq -r '.[].id' "$WORK/tx.json" | sort > "$WORK/ids-$acct"
        LAST="GET balance of $acct"; api GET "/api/accounts/${ID[$acct]}/balance"; expect 200
        balance=$(jq .balanceMinor "$WORK/body")
        [ "$balance" = "$(echo "$want" | jq 'map(.[1]) | add // 0')" ] || die "the $acct balance $balance is not the sum of its postings"
    done
}

# summaries_match_plan <seconds>: every account's summary of every planned month equals the plan's totals per
# category; the read model is eventually consistent, so wait up to <seconds>.
summaries_match_plan() {
    local deadline=$((SECONDS + $1)) acct month want got
    for acct in main savings travel; do
        for month in $MONTHS; do
            want=$(jq -c --arg a "$acct" --arg m "$month" '
                def totals: {incomeMinor: (map(select(.amount > 0).amount) | add // 0),
                             expenseMinor: (0 - (map(select(.amount < 0).amount) | add // 0)), count: length};
                [.[] | select(.account == $a and (.date | startswith($m)))]
                | totals + {categories: (group_by(.category) | map({category: .[0].category} + totals))}' "$WORK/plan.json")
            while :; do
                LAST="GET summary of $acct for $month"; api GET "/api/accounts/${ID[$acct]}/summary?month=$month"; expect 200
                got=$(jq -c '{incomeMinor, expenseMinor, count, categories: (.categories | map({category, incomeMinor,
                    expenseMinor, count}) | sort_by(.category))}' "$WORK/body")
                [ "$got" != "$want" ] || break
                [ $SECONDS -lt $deadline ] || die "the $month summary of $acct is $got, the plan says $want"
                sleep 1
            done
        done
    done
}

say "checking the $PLANNED planned postings over $(echo $MONTHS | wc -w) months: transactions and balances"
ledger_matches_plan
say "checking the monthly summaries (read model)"
summaries_match_plan "${CHECK_READ_MODEL_WAIT:-90}"

month=$(echo "$MONTHS" | tail -2 | head -1)   # the last complete month
say "checking a statement export of $month"
LAST="POST statements"; api POST "/api/accounts/${ID[main]}/statements" "{\"month\":\"$month\"}"; expect 202
export_id=$(jq -r .id "$WORK/body")
deadline=$((SECONDS + 60))
while :; do
    LAST="GET /api/statements/$export_id"; api GET "/api/statements/$export_id"; expect 200
    status=$(jq -r .status "$WORK/body")
    [ "$status" != READY ] || break
    [ "$status" = QUEUED ] && [ $SECONDS -lt $deadline ] || die "the export is $status: $(cat "$WORK/body")"
    sleep 1
done
LAST="GET the CSV"; api GET "/api/statements/$export_id/csv"; expect 200
# amount_minor is the last column and never quoted: count the rows and sum it.
read -r rows net < <(tail -n +2 "$WORK/body" | awk -F, 'NF { n++; s += $NF } END { print n + 0, s + 0 }')
read -r want_rows want_net < <(jq -r --arg m "$month" '[.[] | select(.account == "main" and (.date | startswith($m)))]
    | "\(length) \(map(.amount) | add // 0)"' "$WORK/plan.json")
[ "$rows $net" = "$want_rows $want_net" ] || die "the $month CSV has $rows rows summing to $net, the plan $want_rows rows and $want_net"

say "running the seeder again: it must add nothing"
for acct in main savings travel; do cp "$WORK/ids-$acct" "$WORK/before-$acct"; done
report=$("$HERE/seed.sh" "$BASE_URL" | tail -1)
[ "$report" = "added=0 replayed=$PLANNED" ] || die "the second run reported '$report', not added=0 replayed=$PLANNED"
ledger_matches_plan
for acct in main savings travel; do
    cmp -s "$WORK/before-$acct" "$WORK/ids-$acct" || die "the $acct account's transactions changed on the second run"
done
sleep "${CHECK_SETTLE:-3}"   # a posting the replay wrongly made would reach the read model within about a second
summaries_match_plan 0
say "demo data checked: $PLANNED postings in 3 accounts, balances, $(echo $MONTHS | wc -w) monthly summaries each, a $month statement ($rows rows); a second run added nothing"
