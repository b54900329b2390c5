// The SPA through the HTTPS gateway of a running stack (E2E_BASE_URL, default https://localhost:8443):
// register, sign in (code + PKCE on auth-service's login page), accounts, transactions, balance and monthly summary,
// a token refresh, a statement export, a tampered and an expired token, log out (the ended session's cookie no
// longer signs in silently); the API reference page; then every page at phone width.
// Screenshots of each page go to E2E_SCREENSHOTS (default frontend/target/screenshots).
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DESKTOP, launch, newContext, PHONE, screenshot, SCREENSHOTS, watchProblems } from './browser.mjs';

const EMAIL = `e2e-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
const PASSWORD = 'correct horse battery staple';
const TODAY = new Date().toISOString().slice(0, 10);
const MONTH = TODAY.slice(0, 7);

/** Polls until the locator's text matches (Playwright's expect lives in @playwright/test, not playwright-core). */
async function expectText(locator, expected, timeout = 15_000) {
  const deadline = Date.now() + timeout;
  let last;
  for (;;) {
    last = (await locator.first().textContent({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => null)) ?? '';
    if (expected instanceof RegExp ? expected.test(last) : last.includes(expected)) return last;
    if (Date.now() > deadline) assert.fail(`expected ${expected} in ${locator}, last text: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Loads a page afresh. Retries when Chromium reports the machine's network changed (container engines add and
 * remove interfaces on shared CI machines), which aborts loads that have nothing to do with the stack.
 */
async function load(page, path) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await page.goto(path);
    } catch (e) {
      if (attempt >= 3 || !/ERR_NETWORK_CHANGED/.test(e.message)) throw e;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}

/**
 * Navigates inside the SPA, as its links do. page.goto would load the page afresh, and a fresh page has no tokens
 * (they live in memory only): it would show the login page.
 */
async function navigate(page, path) {
  await page.evaluate((p) => {
    history.pushState(null, '', p);
    dispatchEvent(new PopStateEvent('popstate'));
  }, path);
  await page.waitForURL((u) => u.pathname + u.search === path);
}

async function expectRows(page, n) {
  await page.waitForFunction((count) => document.querySelectorAll('table.transactions tbody tr').length === count, n);
}

async function waitForPath(page, pathPattern) {
  await page.waitForURL((url) => pathPattern.test(url.pathname + url.search));
}

/** From the SPA's login page through auth-service's sign-in form and back. */
async function signIn(page) {
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await waitForPath(page, /^\/auth\/login/);
  await page.getByLabel('E-mail').fill(EMAIL);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/auth/login') && !url.pathname.startsWith('/callback'));
}

async function postTransaction(page, { direction, amount, description, category }) {
  await page.getByLabel(direction === 'in' ? 'Money in' : 'Money out').check();
  await page.getByLabel(/^Amount/).fill(amount);
  await page.getByLabel('Booking date').fill(TODAY);
  await page.getByLabel('Description').fill(description);
  await page.locator('form.grid-form').getByLabel('Category').selectOption(category);
  await page.getByRole('button', { name: 'Post transaction' }).click();
  await expectText(page.getByRole('status').filter({ hasText: 'Posted' }), description);
}

// The steps build on each other: after the first failure the rest are skipped instead of timing out one by one.
let failed = false;
function step(name, fn) {
  it(name, async (t) => {
    if (failed) return t.skip('an earlier step failed');
    try {
      await fn(t);
    } catch (e) {
      failed = true;
      throw e;
    }
  });
}

describe('the ledger SPA through the HTTPS gateway', () => {
  let browser;
  let context;
  let page;
  let problems;
  let accountPath;
  let bearerSeen;

  before(async () => {
    browser = await launch();
    context = await newContext(browser, DESKTOP);
    page = await context.newPage();
    // A controllable clock (real time until the test moves it): forces the token refresh and expiry.
    await page.clock.install();
    problems = watchProblems(page);
    page.on('request', (r) => {
      if (r.url().includes('/api/accounts')) bearerSeen = r.headers().authorization;
    });
  });

  after(async () => {
    await browser?.close();
  });

  step('registers, with the server-side field errors next to the fields', async () => {
    await load(page, '/register');
    await screenshot(page, 'desktop-register');
    // keyboard only: labels lead to the fields, Tab moves on, Enter submits
    await page.getByLabel('E-mail').focus();
    await page.keyboard.type(EMAIL);
    await page.keyboard.press('Tab');
    await page.keyboard.type('too short');
    await page.keyboard.press('Tab');
    await page.keyboard.type('too short');
    await page.keyboard.press('Enter');
    const password = page.getByLabel(/^Password/);
    await expectText(page.locator('.field__error'), 'Password must have at least 12 characters');
    assert.equal(await password.getAttribute('aria-invalid'), 'true');
    assert.equal(await password.evaluate((el) => el === document.activeElement), true, 'focus on the invalid field');
    await screenshot(page, 'desktop-register-errors');

    await password.fill(PASSWORD);
    await page.getByLabel('Repeat the password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectText(page.getByRole('status'), EMAIL);
  });

  step('signs in with authorization code + PKCE on the auth-service page', async () => {
    await page.getByRole('link', { name: 'Sign in' }).last().click();
    await waitForPath(page, /^\/login/);
    await screenshot(page, 'desktop-login');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await waitForPath(page, /^\/auth\/login\?request=/);
    await screenshot(page, 'desktop-auth-service-login');
    await page.getByLabel('E-mail').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await waitForPath(page, /^\/accounts$/);
    await expectText(page.getByTestId('user-email'), EMAIL);
    // tokens stay in memory: nothing token-like in storage or cookies readable by scripts
    const stored = await page.evaluate(() => JSON.stringify({ ...sessionStorage, ...localStorage }) + document.cookie);
    assert.doesNotMatch(stored, /eyJ[A-Za-z0-9_-]{10,}/, 'no JWT in web storage or script-visible cookies');
  });

  step('creates an account', async () => {
    // (the default "Main account" arrives later, with user.registered over RabbitMQ; not needed here)
    await page.getByLabel('Name').fill('Travel');
    await page.getByLabel('Currency').selectOption('EUR');
    await page.getByRole('button', { name: 'Create account' }).click();
    await expectText(page.getByRole('status'), 'Account “Travel” created.');
    await expectText(page.getByTestId('balance-Travel'), '€0.00');
    await screenshot(page, 'desktop-accounts');
    await page.getByRole('link', { name: 'Travel' }).click();
    await page.getByRole('heading', { level: 1, name: 'Transactions' }).waitFor();
    accountPath = new URL(page.url()).pathname;
  });

  step('posts transactions (field errors from problem+json beside the fields) and the balance follows', async () => {
    await page.getByLabel(/^Amount/).fill('0');
    await page.getByLabel('Description').fill('');
    await page.getByRole('button', { name: 'Post transaction' }).click();
    await expectText(page.locator('.field__error').first(), 'Amount must be non-zero');
    const amount = page.getByLabel(/^Amount/);
    const describedBy = await amount.getAttribute('aria-describedby');
    assert.match(await page.locator(`[id="${describedBy.split(' ').pop()}"]`).textContent(), /Amount must be non-zero/);
    await expectText(page.locator('.field--invalid').filter({ hasText: 'Description' }), 'Description');
    await screenshot(page, 'desktop-transaction-errors');

    await postTransaction(page, { direction: 'in', amount: '2500', description: 'Salary', category: 'salary' });
    await postTransaction(page, { direction: 'out', amount: '12.50', description: 'Bread', category: 'groceries' });
    await postTransaction(page, { direction: 'out', amount: '800', description: 'Rent', category: 'rent' });
    await expectText(page.getByTestId('balance'), '€1,687.50');
    await expectText(page.locator('table.transactions'), 'Bread');
    await expectRows(page, 3);
    await screenshot(page, 'desktop-transactions');
  });

  step('pages and filters the history', async () => {
    await navigate(page, `${accountPath}?limit=2`);
    await expectRows(page, 2);
    const firstPage = await page.locator('table.transactions tbody').textContent();
    await page.getByRole('button', { name: 'Next page' }).click();
    await page.waitForURL(/cursor=/);
    await expectRows(page, 1);
    const secondPage = await page.locator('table.transactions tbody').textContent();
    for (const d of ['Salary', 'Bread', 'Rent']) {
      assert.ok((firstPage + secondPage).includes(d) && !(firstPage.includes(d) && secondPage.includes(d)), d);
    }
    assert.equal(await page.getByRole('button', { name: 'Next page' }).isDisabled(), true);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await page.waitForURL((u) => !u.search.includes('cursor='));
    await expectRows(page, 2);
    await page.locator('form.filters').getByLabel('Category').selectOption('groceries');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/category=groceries/);
    await expectRows(page, 1);
    await expectText(page.locator('table.transactions tbody'), 'Bread');
    await screenshot(page, 'desktop-history-filtered');
  });

  step('shows the monthly summary with its chart, and both update after a new posting', async () => {
    await page.getByRole('link', { name: 'Monthly summary' }).click();
    await page.getByRole('heading', { level: 1, name: 'Monthly summary' }).waitFor();
    // fed by Kafka: eventually consistent, normally within a second
    const count = page.getByTestId('summary-count');
    for (let i = 0; i < 30 && (await count.textContent().catch(() => '')) !== '3'; i++) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(500);
    }
    await expectText(count, '3');
    await expectText(page.getByTestId('summary-income'), '€2,500.00');
    await expectText(page.getByTestId('summary-expense'), '€812.50');
    assert.equal(await page.locator('figure.chart svg g[data-category]').count(), 3);
    await screenshot(page, 'desktop-summary');

    await page.getByRole('link', { name: 'Transactions' }).click();
    await postTransaction(page, { direction: 'out', amount: '40', description: 'Dinner', category: 'dining' });
    await expectText(page.getByTestId('balance'), '€1,647.50');
    await page.getByRole('link', { name: 'Monthly summary' }).click();
    for (let i = 0; i < 30 && (await count.textContent().catch(() => '')) !== '4'; i++) {
      await page.getByRole('button', { name: 'Refresh' }).click();
      await page.waitForTimeout(500);
    }
    await expectText(count, '4');
    await expectText(page.getByTestId('summary-expense'), '€852.50');
    assert.equal(await page.locator('figure.chart svg g[data-category]').count(), 4);
  });

  step('renews the access token before it expires and keeps working with the new one', async () => {
    const before = bearerSeen;
    const refreshed = page.waitForResponse(
      (r) => r.url().endsWith('/oauth2/token') && /grant_type=refresh_token/.test(r.request().postData() ?? ''),
    );
    // tokens live 10 minutes; the SPA renews one minute early
    await page.clock.fastForward('09:05');
    const res = await refreshed;
    assert.equal(res.status(), 200);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expectText(page.getByTestId('summary-count'), '4');
    await page.waitForTimeout(300);
    assert.notEqual(bearerSeen, before, 'the next API call carries the renewed token');
    assert.equal(await page.getByTestId('user-email').isVisible(), true);
  });

  step('exports a statement, showing progress until the file is ready', async () => {
    await page.getByRole('link', { name: 'Statements' }).click();
    await page.getByLabel('Month').fill(MONTH);
    await page.getByRole('button', { name: 'Export CSV statement' }).click();
    await page.getByRole('progressbar').waitFor();
    await screenshot(page, 'desktop-statement-progress');
    await page.getByRole('button', { name: 'Download CSV' }).waitFor({ timeout: 30_000 });
    await screenshot(page, 'desktop-statements');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download CSV' }).click(),
    ]);
    const file = resolve(SCREENSHOTS, 'statement.csv');
    await download.saveAs(file);
    const csv = await readFile(file, 'utf8');
    assert.match(csv, /^booking_date,transaction_id,category,description,amount,currency,amount_minor/);
    assert.match(csv, /Bread/);
    assert.equal(csv.trim().split('\n').length, 5);
  });

  step('a tampered token sends the user to the login page and back to the same page and input', async () => {
    await navigate(page, `${accountPath}?category=groceries`);
    await expectText(page.locator('table.transactions tbody'), 'Bread');
    await page.getByLabel(/^Amount/).fill('9.99');
    await page.getByLabel('Description').fill('Half typed');
    // every API request now carries a token whose signature does not verify
    await page.route('**/api/**', (route) => {
      const headers = route.request().headers();
      if (headers.authorization) {
        const token = headers.authorization.slice('Bearer '.length);
        const tampered = token.slice(0, -6) + (token.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
        headers.authorization = `Bearer ${tampered}`;
      }
      return route.continue({ headers });
    });
    await page.getByRole('button', { name: 'Post transaction' }).click();
    await waitForPath(page, /^\/login\?reason=rejected/);
    await expectText(page.getByRole('status'), 'no longer valid');
    await screenshot(page, 'desktop-login-after-rejected-token');
    await page.unroute('**/api/**');

    await signIn(page); // a rejected token asks for the password again
    await waitForPath(page, new RegExp(`^${accountPath}\\?category=groceries$`));
    await expectText(page.locator('table.transactions tbody'), 'Bread');
    assert.equal(await page.getByLabel(/^Amount/).inputValue(), '9.99');
    assert.equal(await page.getByLabel('Description').inputValue(), 'Half typed');
    await expectText(page.getByTestId('balance'), '€1,647.50'); // nothing was posted with the bad token
  });

  step('an expired token (renewal impossible) sends the user to the login page and back to the same view', async () => {
    await navigate(page, `${accountPath}/summary?month=${MONTH}`);
    await expectText(page.getByTestId('summary-count'), '4');
    await page.route('**/oauth2/token', (route) => route.abort('connectionrefused'));
    await page.clock.runFor('10:30'); // every timer in order: the renewal (refused), then the expiry
    await waitForPath(page, /^\/login\?reason=expired/);
    await expectText(page.getByRole('status'), 'expired');
    await screenshot(page, 'desktop-login-after-expiry');
    await page.unroute('**/oauth2/token');

    // auth-service's session cookie may still be valid: then no password is asked for
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.waitForURL((u) => u.pathname.startsWith('/auth/login') || u.pathname.endsWith('/summary'));
    if (new URL(page.url()).pathname.startsWith('/auth/login')) {
      await page.getByLabel('E-mail').fill(EMAIL);
      await page.getByLabel('Password').fill(PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    await waitForPath(page, new RegExp(`^${accountPath}/summary\\?month=${MONTH}$`));
    await expectText(page.getByTestId('summary-count'), '4');
  });

  step('logs out: the session ends at auth-service, pages need a new sign-in with the password', async () => {
    const sessionCookie = (await context.cookies()).find((c) => c.name === 'gs_session');
    assert.ok(sessionCookie, 'signed in through the login page: auth-service set its session cookie');
    const ended = page.waitForResponse((r) => new URL(r.url()).pathname === '/oauth2/logout');
    await page.getByRole('button', { name: 'Log out' }).click();
    assert.equal((await ended).status(), 200);
    await waitForPath(page, /^\/login\?reason=logged-out/);
    assert.equal((await context.cookies()).find((c) => c.name === 'gs_session'), undefined, 'the cookie is expired');

    // The old cookie, replayed from elsewhere, no longer signs in silently: the authorization endpoint asks for
    // the password (no prompt=login here).
    const replay = await newContext(browser, DESKTOP);
    await replay.addCookies([sessionCookie]);
    const authorize = await replay.request.get('/oauth2/authorize?' + new URLSearchParams({
      response_type: 'code',
      client_id: 'gatewaystack-spa',
      redirect_uri: new URL('/callback', page.url()).href,
      scope: 'openid',
      state: 'e2e-replay',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGjSstw-cM',
      code_challenge_method: 'S256',
    }), { maxRedirects: 0 });
    assert.equal(authorize.status(), 303);
    assert.match(authorize.headers().location ?? '', /^\/auth\/login\?/, 'silent sign-in with the ended session');
    await replay.close();

    await expectText(page.getByRole('status'), 'signed out');
    await load(page, '/accounts');
    await waitForPath(page, /^\/login/);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await waitForPath(page, /^\/auth\/login/);
    assert.deepEqual(problems, [], 'no script errors or CSP violations');
  });

  step('the API reference page lists the gateway\'s public operations from /api/openapi.json', async () => {
    const reference = await newContext(browser, DESKTOP);
    const p = await reference.newPage();
    const referenceProblems = watchProblems(p);
    await load(p, '/api-reference'); // a client route: the gateway's SPA fallback answers it with index.html
    const accounts = p.getByTestId('operation-GET /api/accounts');
    await expectText(accounts.locator('summary'), /GET\s*\/api\/accounts\s*auth: oauth2/);
    await accounts.locator('summary').click();
    await accounts.getByRole('heading', { name: 'Error responses' }).waitFor(); // visible once opened
    await screenshot(p, 'desktop-api-reference');
    assert.deepEqual(referenceProblems, [], 'no script errors or CSP violations');
    await reference.close();
  });

  step('works at phone width (screenshots of every page)', async () => {
    const phone = await newContext(browser, PHONE);
    const p = await phone.newPage();
    const phoneProblems = watchProblems(p);
    const noSideways = async (name) => {
      const overflow = await p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px at phone width`);
      await screenshot(p, `phone-${name}`);
    };
    await load(p, '/register');
    await noSideways('register');
    await load(p, '/login');
    await noSideways('login');
    await p.getByRole('button', { name: 'Sign in', exact: true }).click();
    await waitForPath(p, /^\/auth\/login/);
    await noSideways('auth-service-login');
    await p.getByLabel('E-mail').fill(EMAIL);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Sign in' }).click();
    await waitForPath(p, /^\/accounts$/);
    await expectText(p.getByTestId('balance-Travel'), '€1,647.50');
    await noSideways('accounts');
    await navigate(p, accountPath);
    await expectText(p.locator('table.transactions'), 'Dinner');
    await noSideways('transactions');
    await navigate(p, `${accountPath}/summary?month=${MONTH}`);
    await expectText(p.getByTestId('summary-count'), '4');
    await noSideways('summary');
    await navigate(p, `${accountPath}/statements`);
    await p.getByRole('button', { name: 'Export CSV statement' }).click();
    await p.getByRole('button', { name: 'Download CSV' }).waitFor({ timeout: 30_000 });
    await noSideways('statements');
    await load(p, '/no/such/page');
    await noSideways('not-found');
    await load(p, '/api-reference');
    await p.getByTestId('operation-GET /api/accounts').waitFor();
    await noSideways('api-reference');
    assert.deepEqual(phoneProblems, []);
    await phone.close();
  });
});
