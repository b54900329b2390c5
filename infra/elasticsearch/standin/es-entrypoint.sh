#!/bin/bash
# Like the official image: every environment variable whose name contains a dot is a setting.
set -euo pipefail
args=(-E network.host=0.0.0.0)
while IFS='=' read -r name value; do
    [[ "$name" == *.* ]] && args+=(-E "$name=$value")
done < <(env)
exec /usr/share/elasticsearch/bin/elasticsearch "${args[@]}"
