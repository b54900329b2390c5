#!/usr/bin/env bash
# Log search on given lines, against a real Elasticsearch (TEST_ELASTICSEARCH_URL): installs the project's index
# template, indexes the JSON lines of LINES_FILE exactly as written (the services' logback-ecs-encoder lines and the
# gateway's access log; any other line, e.g. nginx's error log in `docker compose logs`, is counted and left out,
# as Logstash's json codecs would fail it), then runs the Kibana saved searches' own queries:
#   - "One request across all services": for each REQUEST_ID given as SERVICES=ID (SERVICES: the comma-separated
#     service.name values that must have written a line of that request, gateway included), the search returns
#     exactly the lines of LINES_FILE that carry that http.request.id, and those include every named service;
#     a prefix of the id matches nothing (keyword, not analysed text);
#   - "Errors by service": returns exactly the lines at log.level ERROR and the 5xx answers, and at least
#     ERRORS_MIN of them (default 1: scripts/log-search-test.sh provokes a 502).
# Called by scripts/log-search-test.sh (lines of the processes it runs on loopback) and scripts/e2e.sh (lines of
# the running Compose stack, searched in the stack's own Elasticsearch: LOG_SEARCH_ES_EXEC is a command prefix
# under which curl runs, e.g. "docker-compose -p P exec -T elasticsearch", with TEST_ELASTICSEARCH_URL as seen from
# there). Fails with a sentence; never skips.
#   usage: log-search-check.sh LINES_FILE SERVICES=REQUEST_ID...
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TEST_ELASTICSEARCH_URL:?set TEST_ELASTICSEARCH_URL (eval \"\$(scripts/test-servers.sh start)\") to a running Elasticsearch 8}"
[ $# -ge 2 ] && [ -f "$1" ] || { echo "usage: $0 LINES_FILE SERVICES=REQUEST_ID..." >&2; exit 2; }
LINES=$1; shift
ES=$TEST_ELASTICSEARCH_URL
INDEX="gatewaystack-logs-test-$$-$RANDOM"
WORK=$(mktemp -d)
fail() { echo "log-search-check: FAIL: $*" >&2; exit 1; }
# shellcheck disable=SC2086
es() { ${LOG_SEARCH_ES_EXEC:-} curl "$@"; }   # request bodies go on stdin (--data-binary @-): es may run elsewhere
trap 'es -s -X DELETE "$ES/$INDEX" </dev/null >/dev/null; es -s -X DELETE "$ES/_index_template/$INDEX" </dev/null >/dev/null; rm -rf "$WORK"' EXIT

# The JSON objects among the lines, byte for byte.
jq -R -r '. as $line | fromjson? | select(type == "object") | $line' "$LINES" > "$WORK/lines.ndjson"
total=$(grep -c . "$LINES" || true); json=$(grep -c . "$WORK/lines.ndjson" || true)
[ "$json" -gt 0 ] || fail "no JSON line in $LINES"

# The project's template, under a test name (so a real one is not replaced) and for the test index only.
jq --arg i "$INDEX" '.index_patterns = [$i] | .priority = 500' infra/elasticsearch/index-template.json \
    | es -fsS -X PUT -H 'content-type: application/json' --data-binary @- "$ES/_index_template/$INDEX" >/dev/null \
    || fail "Elasticsearch rejected infra/elasticsearch/index-template.json"
# Bulk: an action line before each line as written (not re-serialised by jq).
while IFS= read -r line; do printf '{"index":{}}\n%s\n' "$line"; done < "$WORK/lines.ndjson" > "$WORK/bulk.ndjson"
es -fsS -X POST -H 'content-type: application/x-ndjson' --data-binary @- "$ES/$INDEX/_bulk?refresh=true" \
    < "$WORK/bulk.ndjson" > "$WORK/bulk.json" || fail "bulk request refused"
[ "$(jq .errors "$WORK/bulk.json")" = false ] \
    || fail "Elasticsearch refused lines: $(jq -c '[.items[].index.error | select(.)][:3]' "$WORK/bulk.json")"
indexed=$(es -fsS "$ES/$INDEX/_count" </dev/null | jq .count)
[ "$indexed" = "$json" ] || fail "$json JSON lines sent, $indexed indexed"
[ "$(es -fsS "$ES/$INDEX/_mapping/field/http.request.id" </dev/null | jq -r ".[\"$INDEX\"].mappings[\"http.request.id\"].mapping.id.type")" = keyword ] \
    || fail "http.request.id is not mapped as keyword: the template did not apply"

saved_query() { # saved search id -> its Lucene query
    jq -r --arg id "$1" 'select(.id == $id) | .attributes.kibanaSavedObjectMeta.searchSourceJSON | fromjson | .query.query' \
        infra/kibana/saved-objects.ndjson
}
# A line as "time|service|level|status|message-or-path", whether its dotted fields are written flat or nested.
SUMMARY='def f($p): (.[$p] // getpath($p | split("."))); "\(f("@timestamp"))|\(f("service.name"))|\(f("log.level") // "")|\(f("http.response.status_code") // "")|\(f("message") // f("url.path") // "")"'
search() { # lucene query -> summaries of the hits, sorted
    jq -n --arg q "$1" '{size: 10000, query: {query_string: {query: $q}}}' \
        | es -fsS -H 'content-type: application/json' --data-binary @- "$ES/$INDEX/_search" \
        | jq -r ".hits.hits[]._source | $SUMMARY" | sort
}
in_file() { # jq condition on a line -> summaries of the lines of the file meeting it, sorted
    jq -r "select($1) | $SUMMARY" "$WORK/lines.ndjson" | sort
}

by_id=$(saved_query gatewaystack-request-by-id)
[[ "$by_id" == *REQUEST_ID* ]] || fail "the request-id search has no REQUEST_ID placeholder: $by_id"
report=()
for arg in "$@"; do
    services=${arg%%=*} id=${arg#*=}
    got=$(search "${by_id//REQUEST_ID/$id}")
    want=$(in_file "(.[\"http.request.id\"] // .http.request.id) == \"$id\"")
    [ -n "$want" ] || fail "no line of $LINES carries http.request.id $id"
    [ "$got" = "$want" ] || fail "request $id: the search found"$'\n'"$got"$'\n'"the lines of that request are"$'\n'"$want"
    for s in ${services//,/ }; do
        grep -qx "$s" <<<"$(cut -d'|' -f2 <<<"$got")" || fail "request $id: no line of $s (found:"$'\n'"$got)"
    done
    [ -z "$(search "${by_id//REQUEST_ID/${id:0:$((${#id} - 1))}}")" ] || fail "a prefix of $id matched lines"
    report+=("$id: $(wc -l <<<"$got") lines ($(cut -d'|' -f2 <<<"$got" | sort | uniq -c | awk '{printf "%s%s %s", sep, $1, $2; sep=", "}'))")
done

got=$(search "$(saved_query gatewaystack-errors-by-service)")
want=$(in_file '(.["log.level"] // .log.level) == "ERROR" or ((.["http.response.status_code"] // .http.response.status_code // 0) | . >= 500 and . <= 599)')
[ "$got" = "$want" ] || fail "the errors search found"$'\n'"$got"$'\n'"the ERROR and 5xx lines are"$'\n'"$want"
errors=$(grep -c . <<<"$got" || true)
[ "$errors" -ge "${ERRORS_MIN:-1}" ] || fail "the errors search found $errors lines, expected at least ${ERRORS_MIN:-1}"

echo "log-search-check: ok: $json JSON lines of $total indexed as written into Elasticsearch $(es -fsS "$ES/_nodes/_local" </dev/null | jq -r "[.nodes[].version][0]") with the project's template"
printf 'log-search-check:   request-id search, %s\n' "${report[@]}"
echo "log-search-check:   errors search: $errors lines (every ERROR line and 5xx answer, nothing else)"
