#!/usr/bin/env bash
# Log search against a real Elasticsearch (TEST_ELASTICSEARCH_URL, started by scripts/test-servers.sh): installs the
# project's index template, indexes log lines in the shapes Logstash writes (service lines as logstash-logback-
# encoder emits them, gateway lines as the Logstash pipeline turns the nginx JSON access log into), and runs the
# Kibana saved searches' own queries. Fails with a sentence when Elasticsearch is not there (never skips).
set -euo pipefail
cd "$(dirname "$0")/.."
: "${TEST_ELASTICSEARCH_URL:?set TEST_ELASTICSEARCH_URL (eval \"\$(scripts/test-servers.sh start)\") to a running Elasticsearch 8}"
ES=$TEST_ELASTICSEARCH_URL
INDEX="gatewaystack-logs-test-$$-$RANDOM"
fail() { echo "log-search-test: FAIL: $*" >&2; exit 1; }
trap 'curl -s -X DELETE "$ES/$INDEX" >/dev/null; curl -s -X DELETE "$ES/_index_template/gatewaystack-logs-test" >/dev/null' EXIT

# The project's template, under a test name (so a real one is not replaced) and for the test index only.
jq '.index_patterns = ["gatewaystack-logs-test-*"]' infra/elasticsearch/index-template.json \
    | curl -fsS -X PUT -H 'content-type: application/json' --data-binary @- "$ES/_index_template/gatewaystack-logs-test" >/dev/null \
    || fail "Elasticsearch rejected infra/elasticsearch/index-template.json"
jq -c '{"index":{}}, .' infra/elasticsearch/test/log-lines.ndjson \
    | curl -fsS -X POST -H 'content-type: application/x-ndjson' --data-binary @- "$ES/$INDEX/_bulk?refresh=true" > /tmp/bulk.$$.json
[ "$(jq .errors /tmp/bulk.$$.json)" = false ] || fail "bulk indexing failed: $(jq -c '[.items[].index.error | select(.)]' /tmp/bulk.$$.json)"
rm -f /tmp/bulk.$$.json
[ "$(curl -fsS "$ES/$INDEX/_mapping" | jq -r ".[\"$INDEX\"].mappings.properties.request_id.type")" = keyword ] \
    || fail "request_id is not mapped as keyword: the template did not apply"

saved_query() { # saved search id -> its Lucene query
    jq -r --arg id "$1" 'select(.id == $id) | .attributes.kibanaSavedObjectMeta.searchSourceJSON | fromjson | .query.query' \
        infra/kibana/saved-objects.ndjson
}
search() { # lucene query -> "service|message-or-status" lines, oldest first
    jq -n --arg q "$1" '{size: 100, sort: [{"@timestamp": "asc"}], query: {query_string: {query: $q}}}' \
        | curl -fsS -H 'content-type: application/json' --data-binary @- "$ES/$INDEX/_search" \
        | jq -r '.hits.hits[]._source | "\(.service)|\(.message // .status)"'
}

# "One request across all services": the user pastes the X-Request-ID in place of REQUEST_ID.
query=$(saved_query gatewaystack-request-by-id)
[[ "$query" == *REQUEST_ID* ]] || fail "the request-id search has no REQUEST_ID placeholder: $query"
got=$(search "${query//REQUEST_ID/7f3c2a9e-req-0001}")
expected="auth-service|edge check passed for role user
api-service|transfer accepted
api-service|outbox event ledger.transfer.accepted stored
gateway|201"
[ "$got" = "$expected" ] || fail "request 7f3c2a9e-req-0001 found"$'\n'"$got"$'\n'"expected"$'\n'"$expected"
# A prefix of an id must not match another request (keyword, not analysed text).
[ -z "$(search "${query//REQUEST_ID/7f3c2a9e-req}")" ] || fail "a partial request id matched lines"

# "Errors by service": the service's ERROR line and the gateway's 5xx, nothing else.
got=$(search "$(saved_query gatewaystack-errors-by-service)" | sort)
expected=$(printf 'api-service|database unavailable\ngateway|502\n')
[ "$got" = "$expected" ] || fail "errors search found"$'\n'"$got"
echo "log-search-test: ok (request-id and errors searches on Elasticsearch $(curl -fsS "$ES/_nodes/_local" | jq -r "[.nodes[].version][0]"))"
