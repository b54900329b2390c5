// The signed-in session: OAuth 2.0 authorization code + PKCE against auth-service on this origin.
// Tokens live in this module's memory only (never in storage), and are refreshed a minute before they expire.
// When a token is rejected or cannot be renewed, the session ends: the route and unsaved input are kept in
// sessionStorage, and the app shows the login page; after signing in again the user is back where they were.

import { challengeOf, randomToken } from './pkce';
import { forceLogin, pendingLogin, resume } from './pending';
import { allDrafts, resetDrafts, restoreDrafts } from './drafts';

export const CLIENT_ID = 'gatewaystack-spa';
export const SCOPE = 'openid profile email ledger';
/** Renew this long before expiry, so a slow refresh never leaves a request without a valid token. */
export const REFRESH_MARGIN_MS = 60_000;
const RETRY_MS = 10_000;

export type EndReason = 'expired' | 'rejected' | 'logged-out';

export interface SessionState {
  signedIn: boolean;
  email?: string;
  /** Why the last session ended, for the login page. */
  ended?: EndReason;
}

interface Tokens {
  accessToken: string;
  refreshToken?: string;
  /** The latest ID token: the hint that names this sign-in's session at log-out. */
  idToken?: string;
  /** Epoch milliseconds by this browser's clock. */
  expiresAt: number;
}

interface Discovery {
  issuer: string;
  authorize: string;
  token: string;
  revoke: string;
  userinfo: string;
  /** OIDC RP-initiated log-out (end_session_endpoint), when the provider has one. */
  endSession?: string;
}

/** Thrown to callers whose request could not run because the session ended (the app is showing the login page). */
export class SessionEndedError extends Error {
  constructor() {
    super('session ended');
    this.name = 'SessionEndedError';
  }
}

let tokens: Tokens | null = null;
let state: SessionState = { signedIn: false };
let refreshing: Promise<boolean> | null = null;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
let discovery: Promise<Discovery> | null = null;
const listeners = new Set<(s: SessionState) => void>();
const redeemed = new Map<string, Promise<string>>();
let currentRoute: (() => string) | null = null;

/** The app tells where the user is (its router's location), so an ended session can bring them back there. */
export function trackRoute(route: () => string): void {
  currentRoute = route;
}

export function sessionState(): SessionState {
  return state;
}

export function subscribe(listener: (s: SessionState) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function setState(next: SessionState): void {
  state = next;
  listeners.forEach((l) => l(state));
}

/** Endpoints from OIDC discovery, as paths on this origin (the gateway serves the SPA and auth-service alike). */
function endpoints(): Promise<Discovery> {
  discovery ??= fetch('/.well-known/openid-configuration', { credentials: 'omit' })
    .then(async (res) => {
      if (!res.ok) throw new Error(`discovery answered ${res.status}`);
      const d = await res.json();
      const path = (u: string) => new URL(u, location.origin).pathname;
      return {
        issuer: d.issuer,
        authorize: path(d.authorization_endpoint),
        token: path(d.token_endpoint),
        revoke: path(d.revocation_endpoint ?? '/oauth2/revoke'),
        userinfo: path(d.userinfo_endpoint ?? '/oauth2/userinfo'),
        endSession: d.end_session_endpoint ? path(d.end_session_endpoint) : undefined,
      };
    })
    .catch((e) => {
      discovery = null;
      throw e;
    });
  return discovery;
}

export function redirectUri(): string {
  return `${location.origin}/callback`;
}

/** Goes to auth-service's authorization endpoint; `returnTo` is where the callback will send the user. */
export async function beginLogin(returnTo?: string): Promise<void> {
  const d = await endpoints();
  const verifier = randomToken();
  const pending = { state: randomToken(), verifier, nonce: randomToken() };
  pendingLogin.save(pending);
  if (returnTo && !resume.peek()) {
    resume.save({ path: returnTo, drafts: {} });
  }
  const params = new URLSearchParams({
    response_type: 'code',
    client_id: CLIENT_ID,
    redirect_uri: redirectUri(),
    scope: SCOPE,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await challengeOf(verifier),
    code_challenge_method: 'S256',
  });
  if (forceLogin.isSet()) params.set('prompt', 'login');
  location.assign(`${d.authorize}?${params}`);
}

/**
 * Handles /callback: checks state and issuer, redeems the code with the PKCE verifier, and returns the path to
 * continue at. A code is redeemed once even if React runs the effect twice (a second use would revoke it).
 */
export function completeLogin(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const key = params.get('code') ?? params.get('error') ?? search;
  let p = redeemed.get(key);
  if (!p) {
    p = redeem(params);
    redeemed.set(key, p);
  }
  return p;
}

async function redeem(params: URLSearchParams): Promise<string> {
  const pending = pendingLogin.take();
  if (params.get('error')) {
    throw new Error(params.get('error_description') ?? params.get('error') ?? 'sign-in failed');
  }
  if (!pending || params.get('state') !== pending.state) {
    throw new Error('This sign-in response does not belong to a sign-in started here. Please sign in again.');
  }
  const d = await endpoints();
  const iss = params.get('iss');
  if (iss !== null && iss !== d.issuer) {
    throw new Error('The sign-in response came from an unexpected issuer.');
  }
  await tokenRequest(d, {
    grant_type: 'authorization_code',
    code: params.get('code') ?? '',
    redirect_uri: redirectUri(),
    client_id: CLIENT_ID,
    code_verifier: pending.verifier,
  });
  forceLogin.clear();
  const email = await loadEmail(d);
  setState({ signedIn: true, email });
  const back = resume.take();
  resetDrafts();
  if (back) restoreDrafts(back.drafts);
  return back?.path && back.path.startsWith('/') && !back.path.startsWith('//') ? back.path : '/accounts';
}

async function tokenRequest(d: Discovery, form: Record<string, string>): Promise<void> {
  const res = await fetch(d.token, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: new URLSearchParams(form),
    credentials: 'omit',
  });
  if (!res.ok) {
    const body = await res.json().catch(() => ({}));
    throw new TokenError(res.status, body.error_description ?? body.detail ?? `token endpoint answered ${res.status}`);
  }
  const t = await res.json();
  setTokens({
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? tokens?.refreshToken,
    idToken: t.id_token ?? tokens?.idToken,
    expiresAt: Date.now() + Number(t.expires_in) * 1000,
  });
}

class TokenError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function loadEmail(d: Discovery): Promise<string | undefined> {
  try {
    const res = await fetch(d.userinfo, {
      headers: { Authorization: `Bearer ${tokens?.accessToken}`, Accept: 'application/json' },
      credentials: 'omit',
    });
    return res.ok ? (await res.json()).email : undefined;
  } catch {
    return undefined;
  }
}

function setTokens(t: Tokens): void {
  tokens = t;
  clearTimeout(refreshTimer);
  clearTimeout(expiryTimer);
  const now = Date.now();
  refreshTimer = setTimeout(() => void refresh(), Math.max(0, t.expiresAt - REFRESH_MARGIN_MS - now));
  expiryTimer = setTimeout(() => {
    if (tokens === t) end('expired');
  }, Math.max(0, t.expiresAt - now));
}

/** Renews the tokens (one refresh at a time: a refresh token reused by a second request revokes the family). */
export function refresh(): Promise<boolean> {
  refreshing ??= doRefresh().finally(() => (refreshing = null));
  return refreshing;
}

async function doRefresh(): Promise<boolean> {
  const current = tokens;
  if (!current?.refreshToken) return false;
  try {
    await tokenRequest(await endpoints(), {
      grant_type: 'refresh_token',
      refresh_token: current.refreshToken,
      client_id: CLIENT_ID,
    });
    return true;
  } catch (e) {
    if (e instanceof TokenError && e.status >= 400 && e.status < 500 && e.status !== 429) {
      end('expired');
      return false;
    }
    // Network trouble or a busy server: try again soon; the expiry timer ends the session if it never works.
    if (tokens === current) {
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(() => void refresh(), RETRY_MS);
    }
    return false;
  }
}

/** A valid access token, renewed first if it has (nearly) expired; throws when the session has ended. */
export async function accessToken(): Promise<string> {
  if (tokens && Date.now() >= tokens.expiresAt - 5_000) {
    await refresh();
  }
  if (!tokens || Date.now() >= tokens.expiresAt) {
    if (tokens) end('expired');
    throw new SessionEndedError();
  }
  return tokens.accessToken;
}

/**
 * Ends the session because a token expired or was rejected: remembers the page and its unsaved input, forgets
 * the tokens, and tells the app (which shows the login page).
 */
export function end(reason: Exclude<EndReason, 'logged-out'>): void {
  if (!tokens && !state.signedIn) return;
  const path = currentRoute ? currentRoute() : location.pathname + location.search;
  resume.save({ path, drafts: allDrafts() });
  if (reason === 'rejected') forceLogin.set();
  clearTokens();
  setState({ signedIn: false, ended: reason });
}

/**
 * Ends the sign-in at auth-service (OIDC RP-initiated log-out: the session cookie and every token of the session
 * stop working, so no silent sign-in and no admin page with the old cookie), and forgets everything. Without an
 * end-session endpoint or ID token, or when it fails, the tokens are revoked one by one instead; after a successful
 * end-session the refresh token is revoked as well.
 */
export async function logout(): Promise<void> {
  const t = tokens;
  clearTokens();
  resetDrafts();
  resume.take();
  forceLogin.set();
  setState({ signedIn: false, ended: 'logged-out' });
  if (!t) return;
  try {
    const d = await endpoints();
    const revoke = (token: string, hint: string) =>
      fetch(d.revoke, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, token_type_hint: hint, client_id: CLIENT_ID }),
        credentials: 'omit',
      });
    if (d.endSession && t.idToken) {
      const res = await fetch(d.endSession, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ id_token_hint: t.idToken, client_id: CLIENT_ID }),
        // the session cookie must go along: auth-service ends that session and expires the cookie
        credentials: 'same-origin',
      });
      if (res.ok) {
        // Belt and braces: the session end revokes its token families, but the refresh token is revoked
        // directly too, in case this family was not tied to the session (e.g. issued before sessions existed).
        if (t.refreshToken) await revoke(t.refreshToken, 'refresh_token');
        return;
      }
    }
    await Promise.all([
      t.refreshToken ? revoke(t.refreshToken, 'refresh_token') : Promise.resolve(),
      revoke(t.accessToken, 'access_token'),
    ]);
  } catch {
    // The tokens are forgotten here either way; revocation is best effort.
  }
}

function clearTokens(): void {
  tokens = null;
  clearTimeout(refreshTimer);
  clearTimeout(expiryTimer);
}

/** For unit tests only: a clean module state. */
export function resetForTests(): void {
  clearTokens();
  state = { signedIn: false };
  refreshing = null;
  discovery = null;
  redeemed.clear();
  listeners.clear();
}
