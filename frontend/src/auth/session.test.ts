import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiJson } from '../api/client';
import { DISCOVERY, fakeServer, json } from '../test-support';
import { setDraft } from './drafts';
import { forceLogin, pendingLogin, resume } from './pending';
import {
  accessToken,
  completeLogin,
  logout,
  REFRESH_MARGIN_MS,
  refresh,
  resetForTests,
  SessionEndedError,
  sessionState,
} from './session';

let issued = 0;

function tokenResponse() {
  issued += 1;
  return json({
    access_token: `access-${issued}`,
    refresh_token: `refresh-${issued}`,
    id_token: `id-${issued}`,
    expires_in: 600,
    token_type: 'Bearer',
  });
}

async function signIn() {
  pendingLogin.save({ state: 'st', verifier: 'ver', nonce: 'n' });
  return completeLogin('?code=c-' + Math.random() + '&state=st&iss=https%3A%2F%2Flocalhost');
}

beforeEach(() => {
  issued = 0;
  resetForTests();
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('sign-in', () => {
  it('redeems the code with the PKCE verifier, keeps the tokens in memory only and returns to the saved page', async () => {
    const { calls } = fakeServer({
      'GET /.well-known/openid-configuration': () => json(DISCOVERY),
      'POST /oauth2/token': () => tokenResponse(),
      'GET /oauth2/userinfo': () => json({ sub: 'u1', email: 'ann@example.com' }),
    });
    resume.save({ path: '/accounts/42?category=rent', drafts: { t: { amount: '5' } } });
    forceLogin.set();

    expect(await signIn()).toBe('/accounts/42?category=rent');

    const token = calls.find((c) => c.path === '/oauth2/token')!;
    const form = new URLSearchParams(token.body);
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(form.get('code_verifier')).toBe('ver');
    expect(form.get('client_id')).toBe('gatewaystack-spa');
    expect(form.get('redirect_uri')).toBe(`${location.origin}/callback`);
    expect(sessionState()).toEqual({ signedIn: true, email: 'ann@example.com' });
    expect(await accessToken()).toBe('access-1');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('access-1');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('refresh-1');
    expect(forceLogin.isSet()).toBe(false);
  });

  it('refuses a response whose state does not match the request started here', async () => {
    fakeServer({ 'GET /.well-known/openid-configuration': () => json(DISCOVERY) });
    pendingLogin.save({ state: 'mine', verifier: 'v', nonce: 'n' });
    await expect(completeLogin('?code=x&state=forged')).rejects.toThrow(/does not belong/);
    expect(sessionState().signedIn).toBe(false);
  });

  it('refuses a response from another issuer (RFC 9207)', async () => {
    fakeServer({ 'GET /.well-known/openid-configuration': () => json(DISCOVERY) });
    pendingLogin.save({ state: 's', verifier: 'v', nonce: 'n' });
    await expect(completeLogin('?code=x&state=s&iss=https%3A%2F%2Fevil.example')).rejects.toThrow(/issuer/);
  });
});

describe('refresh', () => {
  it('renews the tokens a minute before they expire, with the rotated refresh token', async () => {
    const { calls } = fakeServer({
      'GET /.well-known/openid-configuration': () => json(DISCOVERY),
      'POST /oauth2/token': () => tokenResponse(),
      'GET /oauth2/userinfo': () => json({ sub: 'u1' }),
    });
    await signIn();
    const tokenCalls = () => calls.filter((c) => c.path === '/oauth2/token');

    await vi.advanceTimersByTimeAsync(600_000 - REFRESH_MARGIN_MS - 1_000);
    expect(tokenCalls()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(tokenCalls()).toHaveLength(2);
    expect(new URLSearchParams(tokenCalls()[1].body).get('refresh_token')).toBe('refresh-1');
    expect(await accessToken()).toBe('access-2');

    // and again for the renewed tokens, each time with the newest refresh token
    await vi.advanceTimersByTimeAsync(600_000 - REFRESH_MARGIN_MS + 1_000);
    expect(new URLSearchParams(tokenCalls()[2].body).get('refresh_token')).toBe('refresh-2');
    expect(sessionState().signedIn).toBe(true);
  });

  it('sends one refresh for concurrent callers (a reused refresh token would revoke the family)', async () => {
    const { calls } = fakeServer({
      'GET /.well-known/openid-configuration': () => json(DISCOVERY),
      'POST /oauth2/token': () => tokenResponse(),
      'GET /oauth2/userinfo': () => json({ sub: 'u1' }),
    });
    await signIn();
    await Promise.all([refresh(), refresh(), refresh()]);
    expect(calls.filter((c) => c.path === '/oauth2/token')).toHaveLength(2);
  });

  it('ends the session when the refresh token is refused, remembering the page and unsaved input', async () => {
    let refuse = false;
    fakeServer({
      'GET /.well-known/openid-configuration': () => json(DISCOVERY),
      'POST /oauth2/token': () =>
        refuse ? json({ error: 'invalid_grant', error_description: 'revoked' }, 400) : tokenResponse(),
      'GET /oauth2/userinfo': () => json({ sub: 'u1' }),
    });
    await signIn();
    history.replaceState(null, '', '/accounts/7?category=rent');
    setDraft('transaction:7', { amount: '12.50', description: 'half typed' });
    refuse = true;

    await vi.advanceTimersByTimeAsync(600_000);

    expect(sessionState()).toEqual({ signedIn: false, ended: 'expired' });
    expect(resume.peek()).toEqual({
      path: '/accounts/7?category=rent',
      drafts: { 'transaction:7': { amount: '12.50', description: 'half typed' } },
    });
    await expect(accessToken()).rejects.toBeInstanceOf(SessionEndedError);
  });

  it('ends the session at expiry when the token endpoint stays unreachable', async () => {
    let down = false;
    fakeServer({
      'GET /.well-known/openid-configuration': () => json(DISCOVERY),
      'POST /oauth2/token': () => (down ? Promise.reject(new TypeError('network')) : tokenResponse()),
      'GET /oauth2/userinfo': () => json({ sub: 'u1' }),
    });
    await signIn();
    down = true;
    await vi.advanceTimersByTimeAsync(600_000 - 1_000);
    expect(sessionState().signedIn).toBe(true);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(sessionState().ended).toBe('expired');
  });
});

describe('API calls', () => {
  it('retry once after a renewal, then end the session when the token is still refused', async () => {
    const { calls } = fakeServer({
      'GET /.well-known/openid-configuration': () => json(DISCOVERY),
      'POST /oauth2/token': () => tokenResponse(),
      'GET /oauth2/userinfo': () => json({ sub: 'u1' }),
      'GET /api/accounts': () => json({ title: 'Unauthorized', status: 401 }, 401, 'application/problem+json'),
    });
    await signIn();
    await expect(apiJson('/api/accounts')).rejects.toBeInstanceOf(SessionEndedError);
    const api = calls.filter((c) => c.path === '/api/accounts');
    expect(api.map((c) => c.headers.get('Authorization'))).toEqual(['Bearer access-1', 'Bearer access-2']);
    expect(sessionState()).toEqual({ signedIn: false, ended: 'rejected' });
    expect(forceLogin.isSet()).toBe(true);
  });
});

describe('log-out', () => {
  it('ends the session at auth-service with the latest ID token as hint and the session cookie, then revokes the refresh token', async () => {
    const { calls } = fakeServer({
      'GET /.well-known/openid-configuration': () => json(DISCOVERY),
      'POST /oauth2/token': () => tokenResponse(),
      'GET /oauth2/userinfo': () => json({ sub: 'u1' }),
      'POST /oauth2/logout': () => new Response('<p>You are signed out.</p>', { status: 200 }),
      'POST /oauth2/revoke': () => new Response(null, { status: 200 }),
    });
    await signIn();
    await refresh();
    await logout();

    const end = calls.filter((c) => c.path === '/oauth2/logout');
    expect(end).toHaveLength(1);
    const form = new URLSearchParams(end[0].body);
    expect(form.get('id_token_hint')).toBe('id-2');
    expect(form.get('client_id')).toBe('gatewaystack-spa');
    expect(end[0].credentials).toBe('same-origin');
    // belt and braces: the latest refresh token is revoked directly too, after the session end
    const revoked = calls.filter((c) => c.path === '/oauth2/revoke');
    expect(revoked.map((c) => new URLSearchParams(c.body).get('token'))).toEqual(['refresh-2']);
    expect(new URLSearchParams(revoked[0].body).get('token_type_hint')).toBe('refresh_token');
    expect(calls.findIndex((c) => c.path === '/oauth2/revoke')).toBeGreaterThan(
      calls.findIndex((c) => c.path === '/oauth2/logout'),
    );
    expect(sessionState()).toEqual({ signedIn: false, ended: 'logged-out' });
    await expect(accessToken()).rejects.toBeInstanceOf(SessionEndedError);
  });

  it('revokes the tokens one by one when the end-session endpoint fails', async () => {
    const { calls } = fakeServer({
      'GET /.well-known/openid-configuration': () => json(DISCOVERY),
      'POST /oauth2/token': () => tokenResponse(),
      'GET /oauth2/userinfo': () => json({ sub: 'u1' }),
      'POST /oauth2/logout': () => json({ title: 'Service Unavailable', status: 503 }, 503, 'application/problem+json'),
      'POST /oauth2/revoke': () => new Response(null, { status: 200 }),
    });
    await signIn();
    await logout();

    const revoked = calls.filter((c) => c.path === '/oauth2/revoke').map((c) => new URLSearchParams(c.body));
    expect(revoked.map((f) => [f.get('token'), f.get('token_type_hint')])).toEqual([
      ['refresh-1', 'refresh_token'],
      ['access-1', 'access_token'],
    ]);
    expect(sessionState()).toEqual({ signedIn: false, ended: 'logged-out' });
  });
});
