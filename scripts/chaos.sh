#!/usr/bin/env bash
# Faults under load against the stack left running by `scripts/e2e.sh up` (same E2E_* variables exported).
#
#   scripts/chaos.sh                 every scenario, one after the other, then the table
#   scripts/chaos.sh <scenario>...   only those (names: scripts/chaos.sh list)
#   scripts/chaos.sh short           the CI form (CHAOS_SHORT below)
#   scripts/chaos.sh table           the table of the results kept in target/chaos/
#
# Each scenario: a fresh user (its default account is the scenario's ledger), steady load through the HTTPS gateway
# (scripts/loadgen: GET /api/status, GET balance, keyed POST transactions retried with the same Idempotency-Key,
# plus a slow stream of registrations), CHAOS_BASELINE s of calm, the fault, its removal, recovery, CHAOS_TAIL s of
# load after it. Then, from PostgreSQL, the Kafka topic and the read model: every acknowledged POST stored exactly
# once, every stored posting's event in Kafka (by event id, in the account's posting order) and applied to the read
# model exactly once, every registered user with exactly one default account. Exit 1 when a scenario breaks one of
# those, fails an idempotent request where a replica remained, or fails one slowly or without a problem+json 503.
# Results: target/chaos/<scenario>/ (attempts.jsonl, health.log, result.json) and target/chaos/table.md.
set -euo pipefail
source "$(dirname "$0")/e2e.sh"   # its helpers (compose, oauth_token, ...); sourcing runs nothing
attach

BASELINE=${CHAOS_BASELINE:-10}
TAIL=${CHAOS_TAIL:-10}
RATE=${CHAOS_RATE:-10}
CHAOS_SHORT="kill-replica kafka-stop"
OUT=$ROOT/target/chaos
# A failure answered slower than this is a hang (nginx's proxy_read_timeout default; the routes set none).
ROUTE_TIMEOUT_MS=${CHAOS_ROUTE_TIMEOUT_MS:-60000}
ALL="kill-replica postgres-restart postgres-stop kafka-stop rabbitmq-stop auth-stop net-cut gateway-reload gateway-restart"
mkdir -p "$OUT" "$STATE"
compose exec -T gateway cat /etc/nginx/certs/ca.crt > "$STATE/ca.crt"
curl=(curl -sS --max-time 10 --cacert "$STATE/ca.crt" --resolve "localhost:$GATEWAY_HTTPS_PORT:127.0.0.1")

log() { echo "chaos: $*" >&2; }
# psql as the superuser over the container's local socket (databases: compose.yaml's API_DB_NAME, AUTH_DB_NAME).
api_sql() { compose exec -T postgres psql -U postgres -d "${API_DB_NAME:-api}" -Atc "$1" 2>/dev/null; }
auth_sql() { compose exec -T postgres psql -U postgres -d "${AUTH_DB_NAME:-auth}" -Atc "$1" 2>/dev/null; }

# /observe/health of one container on its observe socket ("<http status> <body>"; "down" when it cannot answer).
health_of() {
    # Helidon keeps the connection open after the answer: read the status line, the headers, Content-Length bytes.
    docker exec "$1" timeout 5 bash -c 'exec 3<>/dev/tcp/127.0.0.1/9080
        printf "GET /observe/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n" >&3
        read -r _ code _ <&3; len=0
        while IFS= read -r h <&3 && [ "${h%$'"'"'\r'"'"'}" != "" ]; do
            case "${h,,}" in content-length:*) len=${h#*:}; len=${len//[!0-9]/} ;; esac
        done
        body=""; [ "$len" -gt 0 ] && read -r -N "$len" body <&3
        printf "%s %s\n" "$code" "${body:--}"' 2>/dev/null || echo "down -"
}
# Every 2 s: each api-service replica's and auth-service's health, one JSON line each, until killed.
sample_health() {
    while :; do
        local at id h
        at=$(now_ms)
        for id in $(compose ps -q api-service) $(compose ps -q auth-service); do
            h=$(health_of "$id")
            jq -cn --argjson at "$at" --arg id "${id:0:12}" --arg code "${h%% *}" --arg body "${h#* }" \
                '{at: $at, id: $id, code: $code, body: $body}'
        done
        sleep 2
    done
}
all_healthy() {   # every api replica and auth-service answer 200 (or 204) on /observe/health
    local id h
    for id in $(compose ps -q api-service) $(compose ps -q auth-service); do
        h=$(health_of "$id"); case "$h" in 200*|204*) ;; *) return 1 ;; esac
    done
}

# A fresh user and its default account; prints "token account".
new_user() {
    local email="chaos-$(date +%s)-$RANDOM@gatewaystack.test" password="chaos-password-$RANDOM$RANDOM" code token account=""
    code=$("${curl[@]}" -o "$STATE/body" -w '%{http_code}' -H 'Content-Type: application/json' \
        --data "{\"email\":\"$email\",\"password\":\"$password\"}" "$BASE_URL/auth/register")
    [ "$code" = 201 ] || fail "POST /auth/register answered $code: $(cat "$STATE/body")"
    token=$(oauth_token "$email" "$password")
    local deadline=$((SECONDS + 60))
    until [ -n "$account" ]; do
        account=$("${curl[@]}" -H "Authorization: Bearer $token" "$BASE_URL/api/accounts" | jq -r '.items[0].id // empty')
        [ -n "$account" ] || { [ $SECONDS -lt $deadline ] || fail "the default account never appeared"; sleep 1; }
    done
    echo "$token $account"
}

start_load() {   # dir token account
    local dir=$1 token=$2 account=$3
    node scripts/loadgen/loadgen.mjs --url "$BASE_URL" --ca "$STATE/ca.crt" --token "$token" --duration 1800 \
        --rate "$RATE" --var "account=$account" --post-retries 30 \
        --mix 'GET /api/status=4;GET /api/accounts/${account}/balance=2;POST /api/accounts/${account}/transactions=4' \
        --body '{"amountMinor":-1,"currency":"EUR","bookingDate":"2026-11-28","description":"${key}","category":"groceries"}' \
        --out "$dir/attempts.jsonl" --summary "$dir/summary.json" > /dev/null 2>"$dir/loadgen.err" &
    LOAD_PID=$!
    # Registrations, 1 per 8 s (auth-service allows 10 a minute per address): no token, their own key per email.
    node scripts/loadgen/loadgen.mjs --url "$BASE_URL" --ca "$STATE/ca.crt" --duration 1800 --rate 0.125 \
        --mix 'POST /auth/register=1' --post-retries 30 \
        --body '{"email":"chaos-${key}@gatewaystack.test","password":"chaos-password-${key}"}' \
        --out "$dir/registrations.jsonl" > /dev/null 2>&1 &
    REG_PID=$!
}
stop_load() {
    kill -TERM "$LOAD_PID" "$REG_PID" 2>/dev/null || true
    wait "$LOAD_PID" "$REG_PID" 2>/dev/null || true
}

# ---- the faults: each sets FAULT_MS (fault starts) and RESTORE_MS (fault removed), and EXPECT_REPLICA (1 when
# another replica / path could answer every idempotent request meanwhile, 0 when none could).
one_replica() { compose ps -q api-service | sed -n 1p; }   # not head: it would end compose with SIGPIPE (pipefail)
fault_kill-replica() {
    local id; id=$(one_replica); EXPECT_REPLICA=1
    FAULT_MS=$(now_ms); docker kill -s KILL "$id" >/dev/null
    sleep 15
    RESTORE_MS=$(now_ms)
    # restart: unless-stopped may already have restarted it (a crash); otherwise start it, as an operator would.
    [ "$(docker inspect -f '{{.State.Running}}' "$id")" = true ] || docker start "$id" >/dev/null
}
fault_postgres-restart() { EXPECT_REPLICA=0; FAULT_MS=$(now_ms); compose restart postgres >/dev/null 2>&1; RESTORE_MS=$(now_ms); }
fault_postgres-stop() { stop_for postgres 30; EXPECT_REPLICA=0; }
fault_kafka-stop() { stop_for kafka 60; EXPECT_REPLICA=1; }
fault_rabbitmq-stop() { stop_for rabbitmq 60; EXPECT_REPLICA=1; }
fault_auth-stop() { stop_for auth-service 30; EXPECT_REPLICA=1; }
stop_for() { FAULT_MS=$(now_ms); compose stop "$1" >/dev/null 2>&1; sleep "$2"; RESTORE_MS=$(now_ms); compose start "$1" >/dev/null 2>&1; }
fault_net-cut() {
    local id; id=$(one_replica); EXPECT_REPLICA=1
    FAULT_MS=$(now_ms); docker network disconnect "${PROJECT}_internal" "$id"
    sleep 30
    RESTORE_MS=$(now_ms); docker network connect "${PROJECT}_internal" "$id"
}
fault_gateway-reload() {
    EXPECT_REPLICA=1
    # A new configuration: the same files with one more comment line (nginx -s reload re-reads everything).
    FAULT_MS=$(now_ms)
    compose exec -T gateway sh -c 'echo "# chaos reload $(date +%s)" >> /etc/nginx/nginx.conf && nginx -t -q && nginx -s reload'
    RESTORE_MS=$(now_ms)
}
# While the restarted container starts (its entrypoint runs before nginx listens: ~5 s in CI, where it waits for the
# absent Logstash's name), Docker's userland proxy holds the published port: it accepts the connection and resets it
# at once. That reset is the same "nothing listens" as a refused connection, so both are fast failures here.
fault_gateway-restart() {
    EXPECT_REPLICA=0; NOTHING_LISTENS="ECONNREFUSED ECONNRESET"
    FAULT_MS=$(now_ms); compose restart gateway >/dev/null 2>&1; RESTORE_MS=$(now_ms)
}

# ---- one scenario under load, then the checks; writes $dir/result.json.
run_scenario() {
    local name=$1 dir=$OUT/$1 token account sampler
    declare -F "fault_$name" >/dev/null || fail "unknown scenario $name (scripts/chaos.sh list)"
    rm -rf "$dir"; mkdir -p "$dir"
    log "$name: waiting for a healthy stack"
    local deadline=$((SECONDS + 300))
    until all_healthy; do [ $SECONDS -lt $deadline ] || fail "$name: the stack is not healthy before the fault"; sleep 3; done
    read -r token account < <(new_user) || true
    [ -n "${account:-}" ] || fail "$name: no user/account could be set up"
    log "$name: account $account, load at $RATE/s (+1 registration per 8 s), ${BASELINE}s calm"
    start_load "$dir" "$token" "$account"
    sample_health > "$dir/health.log" & sampler=$!
    sleep "$BASELINE"
    log "$name: fault"
    NOTHING_LISTENS=ECONNREFUSED   # network errors that mean nothing listens (a fault may widen it)
    "fault_$name"
    log "$name: fault removed after $(( (RESTORE_MS - FAULT_MS) / 1000 )) s; waiting for recovery"
    deadline=$((SECONDS + 300))
    until all_healthy && [ "$("${curl[@]}" -o /dev/null -w '%{http_code}' "$BASE_URL/api/status" || true)" = 200 ]; do
        [ $SECONDS -lt $deadline ] || { log "$name: not recovered in 300 s"; break; }
        sleep 1
    done
    local healthy_ms; healthy_ms=$(now_ms)
    sleep "$TAIL"
    stop_load
    kill "$sampler" 2>/dev/null || true; wait "$sampler" 2>/dev/null || true
    check_scenario "$name" "$dir" "$account" "$healthy_ms"
}

# Kafka records of the topic (value JSON per line) as consumers must read them (read_committed: the relay's aborted
# transactions left out), from the beginning until 15 s pass without one.
topic_dump() {
    compose exec -T kafka sh -c 'if [ -x /opt/kafka/bin/kafka-console-consumer.sh ]; then c=/opt/kafka/bin/kafka-console-consumer.sh;
        else c="/opt/kafka/bin/kafka-class.sh org.apache.kafka.tools.consumer.ConsoleConsumer"; fi
        KAFKA_HEAP_OPTS=-Xmx256m $c --bootstrap-server localhost:9092 --topic ledger.transactions --from-beginning --isolation-level read_committed \
            --timeout-ms 15000 2>/dev/null' || true
}

check_scenario() {
    local name=$1 dir=$2 account=$3 healthy_ms=$4 a=$2/attempts.jsonl
    log "$name: checking PostgreSQL, the topic and the read model"
    # 1. Every acknowledged POST stored exactly once (and nothing stored that no attempt sent).
    jq -r 'select(.outcome == "acknowledged") | .key' "$a" | sort > "$dir/acknowledged"
    api_sql "SELECT idempotency_key FROM transactions WHERE account_id = '$account' ORDER BY 1" > "$dir/stored"
    local lost_db dup_db
    lost_db=$(comm -23 "$dir/acknowledged" <(sort -u "$dir/stored") | wc -l)
    dup_db=$(uniq -d "$dir/stored" | wc -l)
    # 2. The outbox drains; every event reaches Kafka (by event id) in the account's posting order, and the read model.
    local deadline=$((SECONDS + 180)) backlog
    while backlog=$(api_sql "SELECT count(*) FROM outbox WHERE message_key = '$account' AND published_at IS NULL"); [ "$backlog" != 0 ]; do
        [ $SECONDS -lt $deadline ] || { log "$name: outbox still holds $backlog events"; break; }
        sleep 2
    done
    api_sql "SELECT event_id FROM outbox WHERE message_key = '$account' ORDER BY id" > "$dir/outbox"
    topic_dump | jq -r --arg a "$account" 'select(.accountId == $a) | .eventId' > "$dir/topic" || true
    local kafka_lost kafka_copies order
    kafka_lost=$(comm -23 <(sort "$dir/outbox") <(sort -u "$dir/topic") | wc -l)
    kafka_copies=$(( $(wc -l < "$dir/topic") - $(sort -u "$dir/topic" | wc -l) ))
    if cmp -s "$dir/outbox" <(awk '!seen[$0]++' "$dir/topic"); then order=yes; else order=no; fi
    local events applied summed rm_lost rm_dup
    events=$(wc -l < "$dir/outbox")
    deadline=$((SECONDS + 120))
    while applied=$(api_sql "SELECT count(*) FROM processed_events p JOIN outbox o USING (event_id) WHERE o.message_key = '$account'"); [ "$applied" -lt "$events" ]; do
        [ $SECONDS -lt $deadline ] || break
        sleep 2
    done
    summed=$(api_sql "SELECT coalesce(sum(tx_count), 0) FROM monthly_summary WHERE account_id = '$account'")
    rm_lost=$((events - applied)); rm_dup=$(( summed > events ? summed - events : 0 ))
    # 3. Registrations: each e-mail sent (acknowledged or not) is one user at most, every user exactly one default
    # account; a 201 or a 409 after an earlier attempt (the first answer lost) means registered.
    local r=$dir/registrations.jsonl reg_sent reg_ok reg_lost=0 reg_dup=0 emails users
    reg_sent=$(jq -r 'select(.outcome) | .key' "$r" | sort -u | wc -l)
    reg_ok=$(jq -r 'select(.outcome == "acknowledged" or (.outcome == "failed" and .status == 409 and .attempts > 1)) | .key' "$r" | sort -u)
    emails=$(jq -r 'select(.outcome) | "'"'"'chaos-\(.key)@gatewaystack.test'"'"'"' "$r" | paste -sd, -)
    if [ -n "$emails" ]; then
        deadline=$((SECONDS + 90))
        while :; do
            users=$(auth_sql "SELECT id FROM users WHERE email IN ($emails)")
            local ids; ids=$(echo "$users" | grep . | sed "s/.*/'&'/" | paste -sd, -)
            local short=0
            [ -z "$ids" ] || short=$(api_sql "SELECT count(*) FROM (SELECT u FROM unnest(ARRAY[$ids]::text[]) u
                LEFT JOIN accounts a ON a.user_id = u AND a.is_default GROUP BY u HAVING count(a.id) <> 1) x")
            [ "$short" = 0 ] && break
            [ $SECONDS -lt $deadline ] || break
            sleep 3
        done
        reg_lost=$(( $(echo "$reg_ok" | grep -c . || true) - $(auth_sql "SELECT count(DISTINCT email) FROM users WHERE email IN ($emails)") ))
        reg_lost=$(( reg_lost < 0 ? 0 : reg_lost ))
        [ -z "$ids" ] || reg_lost=$(( reg_lost + $(api_sql "SELECT count(*) FROM unnest(ARRAY[$ids]::text[]) u
            WHERE NOT EXISTS (SELECT 1 FROM accounts a WHERE a.user_id = u AND a.is_default)") ))
        reg_dup=$(auth_sql "SELECT count(*) FROM (SELECT email FROM users WHERE email IN ($emails) GROUP BY email HAVING count(*) > 1) x")
        [ -z "$ids" ] || reg_dup=$(( reg_dup + $(api_sql "SELECT count(*) FROM (SELECT user_id FROM accounts WHERE is_default AND user_id IN ($ids) GROUP BY user_id HAVING count(*) > 1) x") ))
    fi
    # 4. The load: failures, their shape and speed, the latency added, the recovery.
    jq -s --argjson fault "$FAULT_MS" --argjson restore "$RESTORE_MS" --argjson healthy "$healthy_ms" \
        --argjson timeout "$ROUTE_TIMEOUT_MS" --arg nothing_listens "$NOTHING_LISTENS" '
        [.[] | select(.method)] as $att
        | [.[] | select(.outcome == "acknowledged" or .outcome == "failed")] as $posts
        | ($att | map(select(.at < $fault) | .ms) | sort) as $base
        | ($base | if length > 0 then .[(length / 2 | floor)] else 0 end) as $p50
        # A request failed when its last attempt did (a GET may be retried once on a new connection, see loadgen).
        | ($att | map(select(.method == "GET")) | group_by(.seq) | map(max_by(.attempt))
           | map(select(.error or .status >= 300))) as $getfail
        | ($posts | map(select(.outcome == "failed") | .key) ) as $failedkeys
        | ($getfail + ($att | map(select(.method == "POST" and (.key as $k | $failedkeys | index($k)))) | group_by(.key)
           | map(max_by(.attempt)))) as $bad
        | {
            requests: (($att | map(select(.method == "GET")) | length) + ($posts | length)),
            failed_gets: ($getfail | length),
            failed_posts: ($posts | map(select(.outcome == "failed")) | length),
            retried_posts: ($posts | map(select(.attempts > 1)) | length),
            error_attempts: ($att | map(select(.error or .status >= 300)) | length),
            # Acceptable where nothing could answer: a 503 problem before the route timeout, or the connection refused
            # at once (the gateway itself restarting: nothing listens to answer anything; see NOTHING_LISTENS).
            not_fast_problem: ($bad | map(select(((.status == 503 and ((.type // "") | startswith("application/problem+json")))
                                                  or (.error != null and (.error | IN($nothing_listens | split(" ")[]))))
                                                 and .ms < $timeout | not)) | length),
            error_kinds: ($att | map(select(.error or .status >= 300)) | group_by(.error // (.status | tostring)) | map({key: (.[0].error // (.[0].status | tostring)), value: length}) | from_entries),
            baseline_p50_ms: $p50,
            max_added_ms: (($att | map(select(.at >= $fault and .at <= $healthy + 5000) | .ms) | max // $p50) - $p50),
            last_error_at: ($att | map(select(.error or .status >= 300) | .at) | max // 0)
          }' "$a" > "$dir/load.json"
    local last_err recovery_s
    last_err=$(jq .last_error_at "$dir/load.json")
    recovery_s=$(awk -v r="$RESTORE_MS" -v h="$healthy_ms" -v e="$last_err" 'BEGIN { t = (h > e ? h : e) - r; if (t < 0) t = 0; printf "%.1f", t / 1000 }')
    # 5. Did a health endpoint report the outage while it lasted?
    local reported
    reported=$(jq -s --argjson f "$FAULT_MS" --argjson r "$RESTORE_MS" \
        '[.[] | select(.at >= $f and .at <= $r + 2000 and (.code != "200" and .code != "204"))] | length' "$dir/health.log")
    jq -n --arg name "$name" --slurpfile load "$dir/load.json" --argjson expect "$EXPECT_REPLICA" \
        --argjson lost_db "$lost_db" --argjson dup_db "$dup_db" --argjson kafka_lost "$kafka_lost" \
        --argjson kafka_copies "$kafka_copies" --arg order "$order" --argjson rm_lost "$rm_lost" --argjson rm_dup "$rm_dup" \
        --argjson events "$events" --argjson reg_sent "$reg_sent" --argjson reg_lost "$reg_lost" --argjson reg_dup "$reg_dup" \
        --argjson recovery "$recovery_s" --argjson reported "$reported" --argjson outage "$(( (RESTORE_MS - FAULT_MS) / 1000 ))" '
        $load[0] + {scenario: $name, replica_remained: ($expect == 1), outage_s: $outage, recovery_s: $recovery,
          fault_ms: '"$FAULT_MS"', restore_ms: '"$RESTORE_MS"', healthy_ms: '"$healthy_ms"',
          stored_lost: $lost_db, stored_dup: $dup_db, events: $events, kafka_lost: $kafka_lost,
          kafka_redelivered: $kafka_copies, kafka_order: $order, readmodel_lost: $rm_lost, readmodel_dup: $rm_dup,
          registrations: $reg_sent, registrations_lost: $reg_lost, registrations_dup: $reg_dup,
          unhealthy_samples: $reported,
          lost: ($lost_db + $kafka_lost + $rm_lost + $reg_lost), duplicated: ($dup_db + $rm_dup + $reg_dup)}
        | .failed = (.failed_gets + .failed_posts)
        | .pass = (.lost == 0 and .duplicated == 0 and .kafka_order == "yes" and .failed_posts == 0
                   and (if .replica_remained then .failed_gets == 0 else .not_fast_problem == 0 end))' > "$dir/result.json"
    log "$name: $(jq -c 'del(.error_kinds)' "$dir/result.json")"
}

table() {
    local f
    {
        echo "| scenario | requests | failed | max added latency | recovery | lost | duplicated | notes |"
        echo "|---|---|---|---|---|---|---|---|"
        for f in "$@"; do
            jq -r '"| \(.scenario) | \(.requests) | \(.failed) (\(.failed_gets) GET, \(.failed_posts) POST; \(.retried_posts) POSTs retried) | \(.max_added_ms / 1000 * 10 | round / 10) s | \(.recovery_s) s | \(.lost) | \(.duplicated) | \(if .pass then "PASS" else "FAIL" end); outage \(.outage_s) s; errors seen \(.error_kinds | tojson); health non-200 samples \(.unhealthy_samples); \(.events) events, Kafka order \(.kafka_order), redelivered \(.kafka_redelivered); \(.registrations) registrations |"' "$f"
        done
    } | tee "$OUT/table.md"
}

case "${1:-all}" in
    list) echo "$ALL"; exit 0 ;;
    table) results=(); for s in $ALL; do [ -f "$OUT/$s/result.json" ] && results+=("$OUT/$s/result.json"); done
        table "${results[@]}"; exit 0 ;;
    all) scenarios=$ALL ;;
    short) scenarios=$CHAOS_SHORT ;;
    *) scenarios="$*" ;;
esac
t0=$SECONDS
results=()
for s in $scenarios; do run_scenario "$s"; results+=("$OUT/$s/result.json"); done
echo "chaos run $(date -u +%FT%TZ), $(nproc) cores, $((SECONDS - t0)) s" | tee "$OUT/run.txt"
table "${results[@]}"
jq -se 'all(.pass)' "${results[@]}" >/dev/null || fail "a scenario failed its guarantees (target/chaos/*/result.json)"
log "every scenario passed"
