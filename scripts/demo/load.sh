# Sourced by seed.sh when DEMO_LOAD_RPS is set (the Compose service demo-load, profile `load`): light, steady
# traffic that keeps the dashboards and the log search alive while someone explores. About DEMO_LOAD_RPS requests a
# second (0.1 to 20), mostly reads of the demo user's data (accounts, balances, history pages, monthly summaries,
# reference data, status) and every DEMO_LOAD_POST_EVERY-th (20) a small posting dated today into its own account
# "Live demo", so the seeded accounts stay exactly as planned. Runs until stopped; after each answered request it
# touches DEMO_LOAD_ALIVE (the container's healthcheck reads its age). Needs seed.sh's api, ID and TODAY.
run_load() {
    local rps=$DEMO_LOAD_RPS every=${DEMO_LOAD_POST_EVERY:-20} alive=${DEMO_LOAD_ALIVE:-/tmp/demo-load-alive}
    [[ "$rps" =~ ^[0-9]+(\.[0-9]+)?$ ]] && awk -v r="$rps" 'BEGIN { exit !(r >= 0.1 && r <= 20) }' \
        || die "DEMO_LOAD_RPS must be a number from 0.1 to 20"
    local pause; pause=$(awk -v r="$rps" 'BEGIN { printf "%.3f", 1 / r }')
    ID[live]=$(account "Live demo" EUR)
    local accounts=(main savings travel live) months n=0 posted=0 errors=0 acct path
    mapfile -t months < <(cut -f3 "$WORK/postings" | cut -c1-7 | sort -u)
    say "load: about $rps requests/s until stopped (a posting to \"Live demo\" every $every)"
    while :; do
        n=$((n + 1))
        acct=${ID[${accounts[RANDOM % ${#accounts[@]}]}]}
        if [ $((n % every)) = 0 ]; then
            LAST="load: POST a live posting"
            IDEMPOTENCY_KEY="demo-load:$(date -u +%s%N)" api POST "/api/accounts/${ID[live]}/transactions" \
                "$(printf '{"amountMinor":%s,"currency":"EUR","bookingDate":"%s","description":"Live demo purchase","category":"%s"}' \
                    "-$((100 + RANDOM % 4000))" "$(date -u +%F)" "$(echo groceries dining transport shopping | tr ' ' '\n' | shuf -n1)")"
            [ "$CODE" = 201 ] && posted=$((posted + 1))
        else
            case $((n % 6)) in
                0) path=/api/accounts ;;
                1) path=/api/accounts/$acct/balance ;;
                2) path="/api/accounts/$acct/transactions?limit=$((5 + RANDOM % 20))" ;;
                3) path="/api/accounts/$acct/summary?month=${months[RANDOM % ${#months[@]}]}" ;;
                4) path=/api/reference-data ;;
                *) path=/api/status ;;
            esac
            LAST="load: GET $path"; api GET "$path"
        fi
        case "$CODE" in 2??) touch "$alive" ;; *) errors=$((errors + 1)); say "$LAST answered $CODE" ;; esac
        [ $((n % 300)) != 0 ] || say "load: $n requests, $posted postings, $errors errors"
        sleep "$pause"
    done
}
run_load
