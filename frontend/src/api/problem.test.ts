import { describe, expect, it } from 'vitest';
import { ApiError } from './problem';

describe('ApiError.from', () => {
  it('reads an RFC 9457 problem with field errors', async () => {
    const res = new Response(
      JSON.stringify({
        type: 'about:blank',
        title: 'Bad Request',
        status: 400,
        detail: 'Some fields are invalid',
        errors: { amountMinor: 'must be non-zero', description: 'is required' },
        requestId: 'abc12345',
      }),
      { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
    );
    const e = await ApiError.from(res);
    expect(e.status).toBe(400);
    expect(e.summary).toBe('Some fields are invalid');
    expect(e.fieldErrors).toEqual({ amountMinor: 'must be non-zero', description: 'is required' });
    expect(e.requestId).toBe('abc12345');
  });

  it("reads auth-service's registration errors in the same shape", async () => {
    const res = new Response(
      JSON.stringify({
        type: 'about:blank',
        title: 'Invalid request',
        status: 400,
        detail: 'One or more fields are invalid: password',
        instance: '/auth/register',
        errors: { password: 'must have at least 12 characters' },
      }),
      { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
    );
    expect((await ApiError.from(res)).fieldErrors).toEqual({ password: 'must have at least 12 characters' });
  });

  it('ignores an errors member of any other shape instead of showing garbage', async () => {
    const res = new Response(
      JSON.stringify({ title: 'Invalid request', status: 400, errors: [{ field: 'password', detail: 'x' }] }),
      { status: 400, headers: { 'Content-Type': 'application/problem+json' } },
    );
    expect((await ApiError.from(res)).fieldErrors).toEqual({});
  });

  it('copes with a body that is not JSON', async () => {
    const e = await ApiError.from(new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    expect(e.status).toBe(502);
    expect(e.summary).toBe('Bad Gateway');
    expect(e.fieldErrors).toEqual({});
  });
});
