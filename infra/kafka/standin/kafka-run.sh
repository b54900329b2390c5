#!/bin/sh
# KAFKA_FOO_BAR=x -> foo.bar=x (as the official image does), then format the log dir once and run the broker.
set -eu
props=/opt/kafka/config/server.properties
env | grep '^KAFKA_' | grep -v '^KAFKA_HEAP_OPTS=' | while IFS='=' read -r name value; do
    key=$(echo "${name#KAFKA_}" | tr 'A-Z' 'a-z' | sed 's/___/-/g; s/__/@/g; s/_/./g; s/@/_/g')
    echo "$key=$value"
done > "$props"
logdir=$(sed -n 's/^log\.dirs=//p' "$props")
[ -f "$logdir/meta.properties" ] || java -cp '/opt/kafka/libs/*' kafka.tools.StorageTool format -t "${CLUSTER_ID:?}" -c "$props"
exec java ${KAFKA_HEAP_OPTS:--Xmx512m} -cp '/opt/kafka/libs/*' kafka.Kafka "$props"
