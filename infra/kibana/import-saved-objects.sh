#!/bin/sh
# kibana-init: imports the data view and saved searches (overwrite, so edits in the file win on every `up`).
set -eu
curl -fsS --retry 10 --retry-delay 5 --retry-all-errors -X POST -H 'kbn-xsrf: kibana-init' \
    -F file=@/saved-objects.ndjson "http://kibana:5601/kibana/api/saved_objects/_import?overwrite=true" \
    | tee /tmp/result.json
echo
grep -q '"success":true' /tmp/result.json
echo "kibana-init: data view and saved searches imported"
