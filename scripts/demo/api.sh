# Sourced by seed.sh and check.sh: curl through the gateway (TLS verified against SEED_CA_FILE when set; connected
# to SEED_CONNECT_TO when set), the sign-in, and a small API client. Needs ME, BASE_URL, CLIENT_ID, EMAIL, PASSWORD
# and WORK (a private temporary directory).
say() { echo "$ME: $*" >&2; }
die() { echo "$ME: FAILED: $*" >&2; exit 1; }
for tool in curl jq openssl; do command -v "$tool" >/dev/null || die "$tool is needed (Debian: apt-get install -y $tool)"; done
CURL=(curl -sS --max-time 20)
[ -z "${SEED_CA_FILE:-}" ] || CURL+=(--cacert "$SEED_CA_FILE")
[ -z "${SEED_CONNECT_TO:-}" ] || CURL+=(--connect-to "::$SEED_CONNECT_TO")
# shellcheck source=pkce-login.sh
. "$(dirname "${BASH_SOURCE[0]}")/pkce-login.sh"

# api <method> <path> [json]: the answer's body in $WORK/body, headers in $WORK/headers, status in $CODE. Retries what
# a busy or restarting stack answers (429 after Retry-After, 502-504): safe, every POST here is idempotent or checked.
CODE=""
api() {
    local method=$1 path=$2 data=${3:-} try
    for try in 1 2 3 4 5 6; do
        local args=(-X "$method" -D "$WORK/headers" -o "$WORK/body" -w '%{http_code}'
            -H "Authorization: Bearer $ACCESS" -H 'Accept: application/json')
        [ -z "$data" ] || args+=(-H 'Content-Type: application/json' --data-binary "$data")
        [ -z "${IDEMPOTENCY_KEY:-}" ] || args+=(-H "Idempotency-Key: $IDEMPOTENCY_KEY")
        CODE=$("${CURL[@]}" "${args[@]}" "$BASE_URL$path") || CODE=000
        case "$CODE" in
            401) if refresh_login; then ACCESS=$(jq -r .access_token "$WORK/token.json"); else sign_in; fi ;;
            429) sleep "$(sed -n 's/^retry-after: *\([0-9]*\).*/\1/ip' "$WORK/headers" | head -1 | grep . || echo 1)" ;;
            000 | 502 | 503 | 504) sleep "$try" ;;
            2??) # the load generator is healthy while the stack answers it, its (idempotent) seeding included
                [ -z "${DEMO_LOAD_RPS:-}" ] || touch "${DEMO_LOAD_ALIVE:-/tmp/demo-load-alive}"; return 0 ;;
            *) return 0 ;;
        esac
    done
}
expect() { # expect <status...>: the last answer had one of them
    local s; for s in "$@"; do [ "$CODE" = "$s" ] && return 0; done
    [ "$CODE" != 000 ] || die "$LAST got no answer from $BASE_URL (curl's reason above; for the development CA set SEED_CA_FILE)"
    die "$LAST answered $CODE: $(head -c 400 "$WORK/body" 2>/dev/null)"
}

# sign_in: the demo user's tokens, the access token in $ACCESS.
sign_in() { pkce_login "$EMAIL" "$PASSWORD"; ACCESS=$(jq -r .access_token "$WORK/token.json"); }
