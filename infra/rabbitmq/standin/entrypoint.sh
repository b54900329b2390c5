#!/bin/bash
set -euo pipefail
# The official image writes the default user into conf.d; do the same (3.10 does not read the env variables itself).
{ echo "default_user = ${RABBITMQ_DEFAULT_USER:-guest}"; echo "default_pass = ${RABBITMQ_DEFAULT_PASS:-guest}"; } \
    > /etc/rabbitmq/conf.d/10-defaults.conf
chown -R rabbitmq:rabbitmq /var/lib/rabbitmq /etc/rabbitmq/conf.d/10-defaults.conf
exec setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups env HOME=/var/lib/rabbitmq "$@"
