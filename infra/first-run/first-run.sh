#!/bin/sh
# The first-run-init service: once the gateway, Prometheus and Elasticsearch are healthy, checks through the gateway
# (TLS verified against the development CA) that the SPA, both services and OIDC discovery answer, then prints where
# everything is. Exits non-zero, with the failing URL, when they do not.
set -eu
BASE=${PUBLIC_BASE_URL:-https://localhost}
CA=/certs/ca.crt
for path in /__gateway/health /api/status /auth/status /.well-known/openid-configuration /; do
    # --connect-to: the browser-facing origin (its certificate, its issuer) served by the gateway container.
    curl -fsS -o /dev/null --max-time 10 --retry 5 --retry-delay 2 --retry-all-errors \
        --cacert "$CA" --connect-to "::gateway:443" "$BASE$path" \
        || { echo "first-run: $BASE$path does not answer through the gateway; see \`docker compose logs gateway\`"; exit 1; }
done
cat <<MSG

==========================================================================================================
 gatewaystack is up: $BASE
----------------------------------------------------------------------------------------------------------
 Trust the development CA (once; it survives down/up, \`down -v\` makes a new one):
   docker compose cp gateway:/etc/nginx/certs/ca.crt gatewaystack-dev-ca.crt
     (docker-compose 1.29: docker-compose exec -T gateway cat /etc/nginx/certs/ca.crt > gatewaystack-dev-ca.crt)
   Debian/Ubuntu: sudo cp gatewaystack-dev-ca.crt /usr/local/share/ca-certificates/ && sudo update-ca-certificates
   macOS: Keychain Access, import, "Always Trust"; Firefox: Settings > Certificates > Import
 Sign in at $BASE
   admin: ${ADMIN_EMAIL:-(ADMIN_EMAIL is not set: no admin)}, password: ADMIN_PASSWORD in .env
   demo user (started with --profile demo): ${DEMO_EMAIL} / ${DEMO_PASSWORD}, months of postings
 Admin UIs (sign in as the admin first; the session opens them):
   Grafana     $BASE/grafana/     dashboard "gatewaystack overview"
   Kibana      $BASE/kibana/      data view gatewaystack-logs-*, saved searches
   Prometheus  $BASE/prometheus/
   RabbitMQ    $BASE/rabbitmq/
 Logs: docker compose logs -f <service>; stop: docker compose down (add -v to drop all data)
==========================================================================================================
MSG
