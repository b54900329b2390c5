# Sourced by seed.sh. Signs in as the SPA does (auth-service has no password grant): authorization code + PKCE
# (S256) for the public client, auth-service's login form with its CSRF token (form field + SameSite cookie), the
# redirect carrying the code, the token exchange. Needs BASE_URL, CLIENT_ID, WORK and the CURL array.

# pkce_login <email> <password>: writes the token response to $WORK/token.json.
pkce_login() {
    local email=$1 password=$2 jar="$WORK/cookies" verifier challenge state loc request csrf code
    rm -f "$jar"
    verifier=$(openssl rand -base64 48 | tr '+/' '-_' | tr -d '=\n')
    challenge=$(printf '%s' "$verifier" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '=')
    state=$(openssl rand -hex 8)
    loc=$("${CURL[@]}" -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' -G "$BASE_URL/oauth2/authorize" \
        --data-urlencode response_type=code --data-urlencode "client_id=$CLIENT_ID" \
        --data-urlencode "redirect_uri=$BASE_URL/callback" --data-urlencode "scope=openid email ledger" \
        --data-urlencode "state=$state" --data-urlencode "code_challenge=$challenge" \
        --data-urlencode code_challenge_method=S256)
    [[ "$loc" == "$BASE_URL/auth/login?"* ]] \
        || die "/oauth2/authorize did not send us to the login page ('$loc'): is $BASE_URL the stack's PUBLIC_BASE_URL?"
    "${CURL[@]}" -c "$jar" -b "$jar" -o "$WORK/login.html" "$loc"
    request=$(sed -n 's/.*name="request" value="\([^"]*\)".*/\1/p' "$WORK/login.html")
    csrf=$(sed -n 's/.*name="csrf_token" value="\([^"]*\)".*/\1/p' "$WORK/login.html")
    [ -n "$request" ] && [ -n "$csrf" ] || die "the login page has no request/csrf_token fields"
    loc=$("${CURL[@]}" -c "$jar" -b "$jar" -o "$WORK/body" -w '%{redirect_url}' "$BASE_URL/auth/login" \
        --data-urlencode "request=$request" --data-urlencode "csrf_token=$csrf" \
        --data-urlencode "email=$email" --data-urlencode "password=$password")
    [[ "$loc" == "$BASE_URL/callback?"* ]] \
        || die "signing in as $email failed (wrong DEMO_PASSWORD for an existing account?): $(head -c 300 "$WORK/body")"
    code=$(printf '%s' "$loc" | sed -n 's/.*[?&]code=\([^&]*\).*/\1/p')
    [[ "$loc" == *"state=$state"* ]] && [ -n "$code" ] || die "the login redirect lacks code or state: $loc"
    "${CURL[@]}" -o "$WORK/token.json" "$BASE_URL/oauth2/token" --data-urlencode grant_type=authorization_code \
        --data-urlencode "client_id=$CLIENT_ID" --data-urlencode "code=$code" \
        --data-urlencode "redirect_uri=$BASE_URL/callback" --data-urlencode "code_verifier=$verifier"
    jq -e '.access_token and .refresh_token' "$WORK/token.json" >/dev/null \
        || die "the token endpoint gave no tokens: $(cat "$WORK/token.json")"
}

# refresh_login: rotates the refresh token of $WORK/token.json (for runs longer than an access token lives).
refresh_login() {
    local refresh; refresh=$(jq -r .refresh_token "$WORK/token.json")
    "${CURL[@]}" -o "$WORK/token.new" "$BASE_URL/oauth2/token" --data-urlencode grant_type=refresh_token \
        --data-urlencode "client_id=$CLIENT_ID" --data-urlencode "refresh_token=$refresh"
    jq -e .access_token "$WORK/token.new" >/dev/null && mv "$WORK/token.new" "$WORK/token.json"
}
