// Calls the ledger API on this origin with the in-memory access token. A 401 gets one renewal and one retry;
// a second 401 means the token is no good (tampered, revoked): the session ends and the login page shows.

import { accessToken, end, refresh, SessionEndedError } from '../auth/session';
import { ApiError } from './problem';

export interface RequestOptions {
  method?: string;
  json?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function apiFetch(path: string, options: RequestOptions = {}): Promise<Response> {
  const send = async () => {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    headers.Authorization = `Bearer ${await accessToken()}`;
    if (options.json !== undefined) headers['Content-Type'] = 'application/json';
    return fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      credentials: 'omit',
      signal: options.signal,
    });
  };
  let res = await send();
  if (res.status === 401) {
    if (await refresh()) res = await send();
    if (res.status === 401) {
      end('rejected');
      throw new SessionEndedError();
    }
  }
  if (!res.ok) throw await ApiError.from(res);
  return res;
}

export async function apiJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const res = await apiFetch(path, options);
  return (await res.json()) as T;
}
