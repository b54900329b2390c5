#!/bin/sh
# Secrets from files: for every variable NAME_FILE=/path, export NAME with the file's content (compose.prod.yaml
# mounts secrets under /run/secrets), so the services read plain environment variables in every environment.
set -eu
for var in $(env | sed -n 's/^\([A-Z0-9_]*\)_FILE=.*/\1/p'); do
    file=$(printenv "${var}_FILE")
    [ -r "$file" ] || { echo "service-entrypoint: ${var}_FILE=$file is not readable" >&2; exit 1; }
    export "$var=$(cat "$file")"
    unset "${var}_FILE"
done
exec "$@"
