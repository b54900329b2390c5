#!/usr/bin/env bash
# The services' fuzz corpus (service-support's test-jar, the same the ServiceFuzzTests send) against a running
# stack: every route of every manifest, malformed in every way the corpus knows. Prints counts per manifest and
# exits 1 on any 5xx, any 4xx that is not application/problem+json (application/json {error} on the OAuth token
# and revocation endpoints) or any request left unanswered.
#
#   scripts/fuzz.sh [base-url]        default https://localhost (any certificate is accepted: the dev CA)
#
# Needs `./mvnw package` outputs (the manifests in <service>/target/classes/META-INF/gateway/). Environment:
# FUZZ_TOKEN (an access token; every case is sent anonymously and with it), FUZZ_PATH_VALUES (id=<uuid>,...),
# FUZZ_PARALLELISM (4), FUZZ_EVERY (1; n sends every n-th case of each route: every route, a shorter run).
# Through the gateway, rate limits answer 429 problems, which count as 4xx problems.
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:-https://localhost}"
manifests=()
for s in api-service auth-service; do
    f="$s/target/classes/META-INF/gateway/$s.json"
    [ -f "$f" ] || { echo "fuzz: $f is missing; run ./mvnw package first" >&2; exit 2; }
    manifests+=("$f")
done
cp_file=service-support/target/fuzz.classpath
./mvnw -q -B -pl service-support -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$(pwd)/$cp_file" -Dmdep.includeScope=test >&2
exec "${JAVA_HOME:?set JAVA_HOME to a JDK 21 or newer}/bin/java" -cp "service-support/target/test-classes:$(cat "$cp_file")" \
    dev.gatewaystack.support.fuzz.FuzzMain "$base" "${manifests[@]}"
