#!/bin/sh
# elasticsearch-init: installs the index template before any log line arrives (Logstash or not); idempotent.
set -eu
curl -fsS --retry 10 --retry-delay 3 --retry-all-errors -H 'content-type: application/json' -X PUT \
    --data-binary @/index-template.json "${ELASTICSEARCH_URL:-http://elasticsearch:9200}/_index_template/gatewaystack-logs"
echo; echo "elasticsearch-init: index template gatewaystack-logs installed"
