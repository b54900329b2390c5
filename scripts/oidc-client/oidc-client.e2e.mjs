// An independent, standard OIDC client (openid-client, the most used Node library) against auth-service through the
// HTTPS gateway of a running stack (E2E_BASE_URL, default https://localhost:8443; E2E_CA_FILE, the dev CA): discovery,
// code + PKCE on the server-rendered login form, ID token and userinfo, api-service with the access token, refresh
// rotation, reuse read as invalid_grant, code reuse, error redirects, revocation, RP-initiated log-out. Every refusal
// must be readable by the library (RFC 6749 §5.2 JSON errors, RFC 6750 challenges), or the test fails.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as client from 'openid-client';
import { BASE_URL, tlsFetch, UserAgent } from './user-agent.mjs';

const CLIENT_ID = process.env.E2E_CLIENT_ID ?? 'gatewaystack-spa';
const REDIRECT_URI = process.env.E2E_REDIRECT_URI ?? `${BASE_URL}/callback`;
const POST_LOGOUT_REDIRECT_URI = process.env.E2E_POST_LOGOUT_REDIRECT_URI ?? `${BASE_URL}/`;
const SCOPE = 'openid email ledger';
const ACCOUNTS = new URL('/api/accounts', BASE_URL);
const ADMIN_PATH = '/prometheus/-/healthy'; // behind edge auth with role admin
const REVOCATION_DEADLINE_MS = Number(process.env.E2E_REVOCATION_DEADLINE_MS ?? 10_000);
const EMAIL = `oidc-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
const PASSWORD = 'openid-client e2e password';

let config;
const browser = new UserAgent();

async function register() {
  const res = await tlsFetch(`${BASE_URL}/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: EMAIL, password: PASSWORD }),
  });
  assert.equal(res.status, 201, `POST /auth/register answered ${res.status}: ${await res.text()}`);
}

/**
 * Where the library's authorization request sends this user agent: the redirect URI (with a code when the session
 * cookie signs in silently, or an error) or the login page.
 */
async function authorizeFrom(ua, {
  verifier = client.randomPKCECodeVerifier(), state = client.randomState(), nonce, scope = SCOPE,
} = {}) {
  return ua.redirectFrom(client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    ...(nonce ? { nonce } : {}),
  }));
}

/**
 * Authorization code + PKCE as the library builds it. With the session cookie in the jar the authorization endpoint
 * answers straight away (silent sign-in); otherwise the user signs in on the login form. Returns the library's
 * token response (ID token validated: signature via the JWKS, iss, aud, nonce, at_hash; RFC 9207 iss checked).
 */
async function signIn() {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  let location = await authorizeFrom(browser, { verifier, state, nonce });
  if (!location.startsWith(REDIRECT_URI)) {
    assert.match(location, /\/auth\/login\?/, `the authorization endpoint sent the user to ${location}`);
    const res = await browser.submitForm(location, { email: EMAIL, password: PASSWORD });
    const body = await res.text();
    assert.ok(res.status >= 300 && res.status < 400, `the login form answered ${res.status}: ${body.slice(0, 300)}`);
    location = new URL(res.headers.get('location'), location).href;
  }
  assert.ok(location.startsWith(`${REDIRECT_URI}?`), `sign-in ended at ${location}, not at the redirect URI`);
  return client.authorizationCodeGrant(config, new URL(location), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
    idTokenExpected: true,
  });
}

/** The library's refusal of a promise, checked to be the given OAuth error read from an RFC 6749 JSON body. */
async function assertOAuthError(promise, error, what) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof client.ResponseBodyError,
      `${what}: openid-client could not read the refusal as an OAuth error (${e.constructor.name}: ${e.message}` +
      `${e.cause?.headers ? `; content-type ${e.cause.headers.get('content-type')}` : ''})`);
    assert.equal(e.error, error, `${what}: ${e.error} (${e.error_description})`);
    return true;
  });
}

/** The library's view of a bearer-token refusal: a 401 with an RFC 6750 challenge. */
async function assertTokenRefused(promise, what) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof client.WWWAuthenticateChallengeError,
      `${what}: expected a 401 with a WWW-Authenticate challenge, got ${e.constructor.name}: ${e.message}`);
    assert.equal(e.status, 401, what);
    assert.equal(e.cause[0]?.scheme, 'bearer', `${what}: challenge scheme ${e.cause[0]?.scheme}`);
    return true;
  });
}

async function accounts(accessToken) {
  return client.fetchProtectedResource(config, accessToken, ACCOUNTS, 'GET');
}

/**
 * Revocation reaches the services through revocation lists they reload: the call must be refused (a 401 challenge)
 * within the deadline.
 */
async function assertRefusedWithinDeadline(call, what) {
  const deadline = Date.now() + REVOCATION_DEADLINE_MS;
  for (;;) {
    let outcome;
    try {
      outcome = await call();
    } catch (e) {
      await assertTokenRefused(Promise.reject(e), what);
      return;
    }
    await outcome?.body?.cancel?.(); // a Response from api-service; userinfo gives claims
    if (Date.now() > deadline) {
      assert.fail(`${what}: still accepted ${REVOCATION_DEADLINE_MS} ms later` +
        `${outcome?.status ? ` (HTTP ${outcome.status})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

function assertApiRefusesWithinDeadline(accessToken, what) {
  return assertRefusedWithinDeadline(() => accounts(accessToken), `${what}: api-service`);
}


async function edgeStatus(ua) {
  const res = await ua.request(ADMIN_PATH);
  await res.body?.cancel();
  return res.status;
}

describe(`openid-client ${CLIENT_ID} through the gateway ${BASE_URL}`, { concurrency: false }, () => {
  let first; // the first sign-in's tokens

  before(async () => {
    await register();
    config = await client.discovery(new URL(BASE_URL), CLIENT_ID, undefined, client.None(),
      { [client.customFetch]: tlsFetch });
  });

  it('discovery: the issuer is the gateway origin and every endpoint is under it', () => {
    const meta = config.serverMetadata();
    assert.equal(meta.issuer, BASE_URL);
    for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri', 'userinfo_endpoint', 'revocation_endpoint']) {
      assert.ok(meta[key]?.startsWith(`${BASE_URL}/`), `${key} = ${meta[key]}`);
    }
    assert.ok(meta.code_challenge_methods_supported?.includes('S256'));
  });

  it('code + PKCE through the login form (CSRF token, SameSite cookie): ID token, userinfo, api-service', async () => {
    first = await signIn();
    assert.ok(first.access_token && first.refresh_token && first.id_token, 'tokens missing');
    assert.equal(first.token_type.toLowerCase(), 'bearer');
    const claims = first.claims();
    assert.equal(claims.email, EMAIL);
    assert.equal(claims.iss, BASE_URL);
    assert.ok(await browser.cookie('gs_session'), 'the login set no gs_session cookie');

    const info = await client.fetchUserInfo(config, first.access_token, claims.sub);
    assert.equal(info.email, EMAIL);

    const res = await accounts(first.access_token);
    assert.equal(res.status, 200, `api-service answered ${res.status}: ${await res.clone().text()}`);
    assert.ok(Array.isArray((await res.json()).items));
  });

  it('silent sign-in with the session cookie keeps the original auth_time', async () => {
    await new Promise((r) => setTimeout(r, 1100)); // auth_time has whole seconds: let the clock move on
    const again = await signIn();
    assert.equal(again.claims().sub, first.claims().sub);
    assert.equal(again.claims().auth_time, first.claims().auth_time, 'auth_time moved on silent sign-in');
  });

  it('refresh rotates; the old refresh token reused is invalid_grant and revokes the family', async () => {
    const rotated = await client.refreshTokenGrant(config, first.refresh_token);
    assert.ok(rotated.refresh_token, 'no new refresh token');
    assert.notEqual(rotated.refresh_token, first.refresh_token, 'the refresh token did not rotate');
    assert.notEqual(rotated.access_token, first.access_token);
    await client.fetchUserInfo(config, rotated.access_token, first.claims().sub);

    await assertOAuthError(client.refreshTokenGrant(config, first.refresh_token), 'invalid_grant',
      'reused refresh token');
    await assertOAuthError(client.refreshTokenGrant(config, rotated.refresh_token), 'invalid_grant',
      'refresh token of the family revoked by the reuse');
    await assertRefusedWithinDeadline(() => client.fetchUserInfo(config, rotated.access_token, client.skipSubjectCheck),
      'userinfo with an access token of the family revoked by refresh reuse');
    await assertApiRefusesWithinDeadline(rotated.access_token, 'access token of the family revoked by refresh reuse');
  });

  it('a code with the wrong code_verifier, or redeemed twice, is invalid_grant; the reuse revokes its tokens', async () => {
    const silentCode = async (verifier, state) => {
      const location = await authorizeFrom(browser, { verifier, state });
      assert.ok(location.startsWith(`${REDIRECT_URI}?`), `silent sign-in ended at ${location}`);
      return new URL(location);
    };
    let state = client.randomState();
    await assertOAuthError(client.authorizationCodeGrant(config, await silentCode(client.randomPKCECodeVerifier(), state),
      { pkceCodeVerifier: client.randomPKCECodeVerifier(), expectedState: state }), 'invalid_grant',
    'code with the wrong code_verifier');

    const verifier = client.randomPKCECodeVerifier();
    state = client.randomState();
    const callback = await silentCode(verifier, state);
    const tokens = await client.authorizationCodeGrant(config, callback, { pkceCodeVerifier: verifier, expectedState: state });
    await assertOAuthError(client.genericGrantRequest(config, 'authorization_code', {
      code: callback.searchParams.get('code'), redirect_uri: REDIRECT_URI, code_verifier: verifier,
    }), 'invalid_grant', 'a code redeemed twice');
    await assertOAuthError(client.refreshTokenGrant(config, tokens.refresh_token), 'invalid_grant',
      'refresh token issued for a code later reused');
    await assertApiRefusesWithinDeadline(tokens.access_token, 'access token issued for a code later reused');
  });

  it('an authorization error comes back to the redirect URI and the library reads it (invalid_scope)', async () => {
    const state = client.randomState();
    const verifier = client.randomPKCECodeVerifier();
    const location = await authorizeFrom(browser, { verifier, state, scope: 'openid no-such-scope' });
    await assert.rejects(
      client.authorizationCodeGrant(config, new URL(location), { pkceCodeVerifier: verifier, expectedState: state }),
      (e) => {
        assert.ok(e instanceof client.AuthorizationResponseError, `${e.constructor.name}: ${e.message} (${location})`);
        assert.equal(e.error, 'invalid_scope');
        return true;
      });
  });

  it('revocation (RFC 7009): the access token is refused by userinfo and api-service, the refresh token is invalid_grant', async () => {
    const tokens = await signIn();
    const sub = tokens.claims().sub;
    const before = await accounts(tokens.access_token);
    assert.equal(before.status, 200);
    await before.body?.cancel();

    await client.tokenRevocation(config, tokens.access_token, { token_type_hint: 'access_token' });
    await assertRefusedWithinDeadline(() => client.fetchUserInfo(config, tokens.access_token, sub),
      'userinfo with a revoked access token');
    await assertApiRefusesWithinDeadline(tokens.access_token, 'revoked access token');

    await client.tokenRevocation(config, tokens.refresh_token, { token_type_hint: 'refresh_token' });
    await assertOAuthError(client.refreshTokenGrant(config, tokens.refresh_token), 'invalid_grant',
      'revoked refresh token');
  });

  it('RP-initiated log-out: the session cookie ends, its tokens are revoked, no silent sign-in afterwards', async () => {
    const tokens = await signIn();
    const session = await browser.cookie('gs_session');
    assert.ok(session, 'no gs_session cookie before log-out');
    // Controls: before log-out the replayed cookie signs in silently and authenticates (a user, not an admin) at
    // the edge, so the refusals below are the log-out's doing.
    assert.ok((await authorizeFrom(await UserAgent.withCookie('gs_session', session))).startsWith(REDIRECT_URI),
      'the replayed session cookie did not sign in silently even before log-out');
    assert.equal(await edgeStatus(await UserAgent.withCookie('gs_session', session)), 403,
      'the session cookie did not authenticate a user at the edge before log-out');
    assert.ok(config.serverMetadata().end_session_endpoint,
      'discovery has no end_session_endpoint: auth-service offers no OIDC RP-initiated log-out (issue 9, item 5)');

    const state = client.randomState();
    const logout = client.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token, post_logout_redirect_uri: POST_LOGOUT_REDIRECT_URI, state,
    });
    const res = await browser.request(logout);
    const body = await res.text();
    assert.ok(res.status >= 300 && res.status < 400,
      `GET ${logout.pathname} answered ${res.status}, not a redirect to post_logout_redirect_uri: ${body.slice(0, 300)}`);
    const back = new URL(res.headers.get('location'), logout);
    assert.equal(`${back.origin}${back.pathname}`, POST_LOGOUT_REDIRECT_URI, `log-out redirected to ${back}`);
    assert.equal(back.searchParams.get('state'), state, 'log-out redirect lost the state');
    const left = await browser.cookie('gs_session');
    assert.equal(left, undefined, `log-out did not expire the gs_session cookie: the jar keeps ${JSON.stringify(left)} ` +
      '(expiring needs Max-Age=0 or an Expires date in the past)');

    // The server must have ended the session itself: replay the old cookie as an attacker holding it would.
    const replay = await UserAgent.withCookie('gs_session', session);
    const location = await authorizeFrom(replay);
    assert.ok(!location.startsWith(REDIRECT_URI), `the old session cookie still signs in silently: ${location}`);
    assert.match(location, /\/auth\/login\?/);
    assert.equal(await edgeStatus(replay), 401, 'the old session cookie still authenticates at the edge');

    await assertOAuthError(client.refreshTokenGrant(config, tokens.refresh_token), 'invalid_grant',
      'refresh token of the ended session');
    await assertApiRefusesWithinDeadline(tokens.access_token, 'access token of the ended session');
  });
});
