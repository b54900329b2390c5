#!/bin/bash
# Docker healthcheck without curl in the image: GET /observe/health over bash's /dev/tcp, on the observe socket (server.sockets in application.yaml; the public port has no /observe), healthy on 200, or 204 (Helidon answers UP without details with 204).
set -eu
exec 3<>"/dev/tcp/127.0.0.1/${SERVER_SOCKETS_0_PORT:-9080}"
printf 'GET /observe/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
read -r -t 5 status_line <&3
case "$status_line" in "HTTP/1.1 200"*|"HTTP/1.1 204"*) exit 0 ;; *) echo "unhealthy: $status_line" >&2; exit 1 ;; esac
