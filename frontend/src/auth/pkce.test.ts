import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { challengeOf, randomToken } from './pkce';

describe('PKCE', () => {
  it('derives the S256 challenge as base64url(SHA-256(verifier)) without padding', async () => {
    const verifier = randomToken();
    const expected = createHash('sha256').update(verifier).digest('base64url');
    expect(await challengeOf(verifier)).toBe(expected);
  });

  it('makes verifiers of 43 unreserved characters, different every time', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
  });
});
