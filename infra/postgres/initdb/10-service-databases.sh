#!/bin/bash
# Runs once, on an empty data volume (docker-entrypoint-initdb.d): one database and one owner role per service, so
# no service can read another's tables. Passwords come from API_DB_PASSWORD / AUTH_DB_PASSWORD or, in production,
# from the files named by API_DB_PASSWORD_FILE / AUTH_DB_PASSWORD_FILE (Docker secrets).
set -euo pipefail

secret() { # NAME -> value of NAME, or the content of the file NAME_FILE
    local file_var="${1}_FILE"
    if [ -n "${!file_var:-}" ]; then cat "${!file_var}"; else printf '%s' "${!1:?$1 or $file_var must be set}"; fi
}

create_service_db() { # database role password
    psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
        -v db="$1" -v role="$2" -v password="$3" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', :'role', :'password') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SQL
    echo "postgres-init: database $1 owned by $2"
}

create_service_db "${API_DB_NAME:-api}" "${API_DB_USER:-api}" "$(secret API_DB_PASSWORD)"
create_service_db "${AUTH_DB_NAME:-auth}" "${AUTH_DB_USER:-auth}" "$(secret AUTH_DB_PASSWORD)"
