// A fake auth-service and api-service for unit tests: answers fetch calls by method and path.
import { vi } from 'vitest';

export interface FakeRequest {
  method: string;
  path: string;
  headers: Headers;
  body: string;
  credentials?: RequestCredentials;
}

export type Handler = (req: FakeRequest) => Response | Promise<Response>;

export function json(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': type } });
}

export function fakeServer(routes: Record<string, Handler>) {
  const calls: FakeRequest[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'https://localhost');
    const method = (init.method ?? 'GET').toUpperCase();
    const req = {
      method,
      path: url.pathname + url.search,
      headers: new Headers(init.headers),
      body: init.body === undefined ? '' : String(init.body),
      credentials: init.credentials,
    };
    calls.push(req);
    const handler = routes[`${method} ${url.pathname}`];
    if (!handler) return json({ title: 'Not Found', status: 404 }, 404, 'application/problem+json');
    return handler(req);
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls };
}

export const DISCOVERY = {
  issuer: 'https://localhost',
  authorization_endpoint: 'https://localhost/oauth2/authorize',
  token_endpoint: 'https://localhost/oauth2/token',
  revocation_endpoint: 'https://localhost/oauth2/revoke',
  userinfo_endpoint: 'https://localhost/oauth2/userinfo',
  end_session_endpoint: 'https://localhost/oauth2/logout',
};
