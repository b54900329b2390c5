#!/bin/sh
# kafka-init: creates the topics listed in /topics.txt (name, partitions); idempotent.
set -eu
grep -v '^#' /topics.txt | while read -r topic partitions; do
    [ -n "$topic" ] || continue
    /opt/kafka/bin/kafka-topics.sh --bootstrap-server "${KAFKA_BOOTSTRAP:-kafka:9092}" --create --if-not-exists \
        --topic "$topic" --partitions "$partitions" --replication-factor 1
done
/opt/kafka/bin/kafka-topics.sh --bootstrap-server "${KAFKA_BOOTSTRAP:-kafka:9092}" --list
