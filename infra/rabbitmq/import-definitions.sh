#!/bin/sh
# rabbitmq-init: imports definitions.json (exchanges, queues, bindings of the services' contract) through the
# management API; idempotent, so it runs on every `up`. Users are not in the file: the broker's own user comes from
# RABBITMQ_DEFAULT_USER/PASS (or the production secret), never from a committed file.
set -eu
user=${RABBITMQ_USER:-}; pass=${RABBITMQ_PASSWORD:-}
[ -n "${RABBITMQ_PASSWORD_FILE:-}" ] && pass=$(cat "$RABBITMQ_PASSWORD_FILE")
[ -n "${RABBITMQ_USER_FILE:-}" ] && user=$(cat "$RABBITMQ_USER_FILE")
curl -fsS --retry 10 --retry-delay 3 --retry-all-errors -u "$user:$pass" -H 'content-type: application/json' \
    -X POST --data-binary @/definitions.json "http://rabbitmq:15672/rabbitmq/api/definitions"
echo "rabbitmq-init: definitions imported"
