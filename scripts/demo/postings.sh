#!/usr/bin/env bash
# Prints the demo ledger's postings, one per line, tab-separated:
#   account  idempotency-key  booking-date  amount-minor  category  description
# for the DEMO_MONTHS (default 6) months before the month of <today> and that month up to <today>.
#
#   scripts/demo/postings.sh 2026-11-29
#
# Deterministic: a posting depends only on its account, month and number, never on <today> (which only decides
# which months and days are included), so its Idempotency-Key always stands for the same request and a later run
# re-sends the same postings (replayed, nothing added) plus the days that have passed since.
# Accounts: main (the default account, EUR), savings (EUR), travel (USD, some months only).
set -euo pipefail

TODAY=${1:?usage: postings.sh <today yyyy-mm-dd>}
MONTHS=${DEMO_MONTHS:-6}
[[ "$TODAY" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || { echo "postings.sh: <today> must be yyyy-mm-dd" >&2; exit 2; }
[[ "$MONTHS" =~ ^[0-9]{1,2}$ ]] || { echo "postings.sh: DEMO_MONTHS must be 0-99" >&2; exit 2; }

# A small linear congruential generator, seeded per account and month: the same numbers on every machine.
SEED=0
seed() { SEED=$(( ($1 * 7919 + $2 * 104729) & 0x7fffffff )); }
rand() { # rand <n>: 0..n-1 into R
    SEED=$(( (SEED * 1103515245 + 12345) & 0x7fffffff ))
    R=$(( (SEED >> 8) % $1 ))
}
pick() { rand $#; local i=$((R + 1)); P=${!i}; }

MONTH=""; LAST_DAY=0; LIMIT_DAY=0; N=0; ACCOUNT=""
emit() { # day amount category description
    local day=$1
    N=$((N + 1))
    [ "$day" -le "$LIMIT_DAY" ] || return 0
    printf '%s\tdemo-v1:%s:%s:%02d\t%s-%02d\t%s\t%s\t%s\n' \
        "$ACCOUNT" "$ACCOUNT" "$MONTH" "$N" "$MONTH" "$day" "$2" "$3" "$4"
}
begin() { # account index
    ACCOUNT=$1; N=0
    seed "$2" "$((10#${MONTH:0:4} * 12 + 10#${MONTH:5:2}))"
}
day_in() { rand "$LAST_DAY"; D=$((R + 1)); }

main_account() {
    begin main 1
    emit 1 -115000 rent "Rent, flat 3B"
    emit 2 -8600 transport "Monthly transit pass"
    rand 2500; emit 5 $((-5200 - R)) utilities "Electricity, Stadtwerke"
    emit 12 -3999 utilities "Internet, FiberNet"
    emit 18 -1999 utilities "Mobile phone plan"
    emit 9 -1299 entertainment "Streaming subscription"
    emit 25 325000 salary "Salary, Acme Analytics GmbH"
    emit 26 -40000 savings "Transfer to Savings"
    local i
    for i in 1 2 3 4 5 6 7 8; do
        day_in; pick "Corner Market" "FreshCo" "Organic Grocer" "Bakery Huber" "SuperSave"; rand 8300
        emit "$D" $((-1200 - R)) groceries "$P"
    done
    for i in 1 2 3 4; do
        day_in; pick "Trattoria Roma" "Sushi Bar Koi" "Cafe Central" "Burger Lab" "Thai Orchid"; rand 5200
        emit "$D" $((-800 - R)) dining "$P"
    done
    for i in 1 2; do
        day_in; pick "Taxi" "Bike share" "Train ticket"; rand 3500; emit "$D" $((-250 - R)) transport "$P"
    done
    day_in; pick "Bookshop" "Electronics store" "Clothing store" "Home goods"; rand 12000
    emit "$D" $((-1500 - R)) shopping "$P"
    rand 3; if [ "$R" = 0 ]; then day_in; rand 4000; emit "$D" $((-900 - R)) health "Pharmacy"; fi
    rand 2; if [ "$R" = 0 ]; then day_in; pick "Cinema" "Concert tickets" "Museum"; rand 4500; emit "$D" $((-1100 - R)) entertainment "$P"; fi
    emit "$LAST_DAY" -495 fees "Account fee"
}

savings_account() {
    begin savings 2
    emit 26 40000 savings "Transfer from Main account"
    rand 600; emit "$LAST_DAY" $((300 + R)) income-other "Interest"
}

travel_account() {
    begin travel 3
    rand 3; [ "$R" = 0 ] || return 0   # a trip about every third month
    emit 3 90000 transfer "Top-up for the trip"
    rand 4; local nights=$((2 + R)); rand 5000; emit 10 $((-nights * (9000 + R))) travel "Hotel, $nights nights"
    local i
    for i in 1 2 3 4; do
        rand 10; local day=$((10 + R)); pick "Diner" "Museum pass" "Rental car" "Airport shuttle" "Street food"
        local cat=travel; [ "$P" = Diner ] || [ "$P" = "Street food" ] && cat=dining; rand 9000
        emit "$day" $((-1500 - R)) "$cat" "$P"
    done
}

for back in $(seq "$MONTHS" -1 0); do
    MONTH=$(date -u -d "${TODAY:0:7}-01 -$back month" +%Y-%m)
    LAST_DAY=$(date -u -d "$MONTH-01 +1 month -1 day" +%d); LAST_DAY=$((10#$LAST_DAY))
    if [ "$back" = 0 ]; then LIMIT_DAY=$((10#${TODAY:8:2})); else LIMIT_DAY=$LAST_DAY; fi
    main_account
    savings_account
    travel_account
done
