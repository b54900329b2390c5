// What a browser brings to the OIDC flow, and nothing more: HTTPS trusting the stack's development CA, a cookie jar
// that honours Secure/Path/SameSite/expiry (tough-cookie), manual redirects, and submitting the login form it was
// served (node-html-parser). Everything target-specific comes from the environment.
import { existsSync, readFileSync } from 'node:fs';
import { parse } from 'node-html-parser';
import { CookieJar } from 'tough-cookie';
import { Agent, fetch } from 'undici';

export const BASE_URL = (process.env.E2E_BASE_URL ?? 'https://localhost:8443').replace(/\/$/, '');

/** The dev CA: E2E_CA_FILE, else the certificate scripts/dev-stack.sh makes (its default DEV_STACK_DIR). */
function caFile() {
  const file = process.env.E2E_CA_FILE
    ?? `${process.env.DEV_STACK_DIR ?? '/tmp/gatewaystack-dev'}/gateway/certs/localhost.crt`;
  if (!existsSync(file)) {
    throw new Error(`the gateway's CA certificate ${file} does not exist: set E2E_CA_FILE to the PEM file that ` +
      'signed the gateway certificate (scripts/e2e.sh copies it from the gateway container)');
  }
  return file;
}

// Certificates are verified (only against the dev CA): a TLS error fails the test, it is never ignored.
const dispatcher = new Agent({ connect: { ca: readFileSync(caFile()) } });

/** fetch over TLS verified against the dev CA; also handed to openid-client as its customFetch. */
export function tlsFetch(url, init = {}) {
  return fetch(url, { ...init, dispatcher });
}

/** A browser's side of the conversation: cookies in, cookies out, redirects seen rather than followed. */
export class UserAgent {
  jar = new CookieJar();

  /** Every request here is a same-site top-level navigation or form post, as in the SPA's sign-in. */
  async request(url, init = {}) {
    const target = new URL(url, BASE_URL);
    const headers = new Headers(init.headers);
    const cookie = await this.jar.getCookieString(target.href, { sameSiteContext: 'strict' });
    if (cookie) headers.set('cookie', cookie);
    const res = await tlsFetch(target, { ...init, headers, redirect: 'manual' });
    for (const setCookie of res.headers.getSetCookie()) {
      await this.jar.setCookie(setCookie, target.href, { sameSiteContext: 'strict' });
    }
    return res;
  }

  /** The cookie's value as the jar would send it to the origin's root, or undefined. */
  async cookie(name) {
    const cookies = await this.jar.getCookies(`${BASE_URL}/`, { sameSiteContext: 'strict' });
    return cookies.find((c) => c.key === name)?.value;
  }

  /** The jar then holds only this cookie (replaying a cookie the server has since ended). */
  static async withCookie(name, value) {
    const ua = new UserAgent();
    await ua.jar.setCookie(`${name}=${value}; Path=/; Secure; HttpOnly; SameSite=Lax`, `${BASE_URL}/`);
    return ua;
  }

  /** GET expecting a redirect; returns the absolute Location. */
  async redirectFrom(url) {
    const res = await this.request(url);
    const body = await res.text();
    if (res.status < 300 || res.status > 399) {
      throw new Error(`GET ${url} answered ${res.status}, not a redirect: ${body.slice(0, 300)}`);
    }
    return new URL(res.headers.get('location'), url).href;
  }

  /**
   * Fills in and submits the HTML form served at `pageUrl` (its hidden fields, such as the CSRF token, as served)
   * and returns the submission's response.
   */
  async submitForm(pageUrl, fields) {
    const page = await this.request(pageUrl);
    const html = await page.text();
    if (page.status !== 200) throw new Error(`GET ${pageUrl} answered ${page.status}: ${html.slice(0, 300)}`);
    const form = parse(html).querySelector('form');
    if (!form) throw new Error(`${pageUrl} serves no form: ${html.slice(0, 300)}`);
    const body = new URLSearchParams();
    for (const input of form.querySelectorAll('input')) {
      const name = input.getAttribute('name');
      if (name && input.getAttribute('type') === 'hidden') body.set(name, input.getAttribute('value') ?? '');
    }
    for (const [name, value] of Object.entries(fields)) body.set(name, value);
    const action = new URL(form.getAttribute('action') ?? pageUrl, pageUrl);
    return this.request(action, {
      method: (form.getAttribute('method') ?? 'get').toUpperCase(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
  }
}
