import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { pendingLogin, resume } from '../auth/pending';
import { completeLogin, resetForTests } from '../auth/session';
import { DISCOVERY, fakeServer, json } from '../test-support';

const ACCOUNT = {
  id: 'a1', name: 'Main account', currency: 'EUR', isDefault: true, status: 'OPEN', balanceMinor: 0,
  createdAt: '2025-05-01T00:00:00Z', closedAt: null,
};

function server(post: () => Response) {
  return fakeServer({
    'GET /.well-known/openid-configuration': () => json(DISCOVERY),
    'POST /oauth2/token': () => json({ access_token: 'at', refresh_token: 'rt', expires_in: 600 }),
    'GET /oauth2/userinfo': () => json({ sub: 'u', email: 'ann@example.com' }),
    'GET /api/reference-data': () =>
      json({ currencies: [{ code: 'EUR', name: 'Euro', minorUnits: 2 }], categories: ['groceries', 'rent'], maxAbsAmountMinor: 1e15 }),
    'GET /api/accounts/a1': () => json(ACCOUNT),
    'GET /api/accounts/a1/balance': () => json({ accountId: 'a1', currency: 'EUR', balanceMinor: 0 }),
    'GET /api/accounts/a1/transactions': () => json({ items: [], nextCursor: null }),
    'POST /api/accounts/a1/transactions': post,
  });
}

async function signedInAt(path: string) {
  pendingLogin.save({ state: 's', verifier: 'v', nonce: 'n' });
  await completeLogin('?code=' + Math.random() + '&state=s');
  render(
    <MemoryRouter initialEntries={[path]}>
      <App />
    </MemoryRouter>,
  );
  await screen.findByRole('heading', { level: 1, name: 'Transactions' });
}

beforeEach(() => resetForTests());
afterEach(() => vi.unstubAllGlobals());

describe('posting a transaction', () => {
  it('shows the problem+json field errors next to their fields and focuses the first', async () => {
    server(() =>
      json(
        { title: 'Bad Request', status: 400, detail: 'invalid fields', errors: { amountMinor: 'must be non-zero', description: 'is required' } },
        400,
        'application/problem+json',
      ),
    );
    await signedInAt('/accounts/a1');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Amount/), '0');
    await user.click(screen.getByRole('button', { name: 'Post transaction' }));

    const amount = screen.getByLabelText(/Amount/);
    expect(await screen.findByText('Amount must be non-zero')).toBeInTheDocument();
    expect(amount).toHaveAttribute('aria-invalid', 'true');
    expect(amount).toHaveAccessibleDescription(expect.stringContaining('Amount must be non-zero'));
    expect(screen.getByLabelText(/Description/)).toHaveAccessibleDescription('Description is required');
    expect(screen.getByRole('alert')).toHaveTextContent('Please correct the marked fields.');
    await vi.waitFor(() => expect(amount).toHaveFocus());
  });

  it('sends minor units, the account currency and an Idempotency-Key, and keeps the key for a retry', async () => {
    let attempts = 0;
    const { calls } = server(() => {
      attempts += 1;
      if (attempts === 1) throw new TypeError('connection reset');
      return json({ id: 't1', accountId: 'a1', amountMinor: -1250, currency: 'EUR', bookingDate: '2025-05-03', description: 'Bread', category: 'groceries', createdAt: '' }, 201);
    });
    await signedInAt('/accounts/a1');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Amount/), '12.50');
    await user.type(screen.getByLabelText(/Description/), 'Bread');
    await user.click(screen.getByRole('button', { name: 'Post transaction' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/will not be posted twice/);
    await user.click(screen.getByRole('button', { name: 'Post transaction' }));
    expect(await screen.findByText(/Posted -€12.50 · Bread/)).toBeInTheDocument();

    const posts = calls.filter((c) => c.method === 'POST' && c.path === '/api/accounts/a1/transactions');
    expect(posts).toHaveLength(2);
    expect(JSON.parse(posts[0].body)).toMatchObject({ amountMinor: -1250, currency: 'EUR', description: 'Bread', category: 'groceries' });
    const key = posts[0].headers.get('Idempotency-Key');
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[1].headers.get('Idempotency-Key')).toBe(key);
  });

  it('gives back the unsaved input after the session ended and the user signed in again', async () => {
    server(() => json({ title: 'Unauthorized', status: 401 }, 401, 'application/problem+json'));
    await signedInAt('/accounts/a1?category=rent');
    const user = userEvent.setup();
    await user.type(screen.getByLabelText(/Amount/), '7.25');
    await user.type(screen.getByLabelText(/Description/), 'Half typed');
    await user.click(screen.getByRole('button', { name: 'Post transaction' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByText(/no longer valid/)).toBeInTheDocument();
    expect(resume.peek()?.path).toBe('/accounts/a1?category=rent');

    // signing in again (the callback) returns to the same page with the same input
    pendingLogin.save({ state: 's2', verifier: 'v', nonce: 'n' });
    const back = await completeLogin('?code=again&state=s2');
    expect(back).toBe('/accounts/a1?category=rent');
    cleanup();
    render(
      <MemoryRouter initialEntries={[back]}>
        <App />
      </MemoryRouter>,
    );
    await screen.findByRole('heading', { level: 1, name: 'Transactions' });
    expect(screen.getByLabelText(/Amount/)).toHaveValue('7.25');
    expect(screen.getByLabelText(/Description/)).toHaveValue('Half typed');
    // the applied filter comes back with the address
    expect(within(screen.getByRole('form', { name: 'Filter transactions' })).getByLabelText('Category')).toHaveValue('rent');
  });
});
