// Chromium from the machine (Debian's /usr/bin/chromium) driven by playwright-core: Playwright's own browser
// download cannot work on these machines. Everything target-specific comes from the environment.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));

export const BASE_URL = (process.env.E2E_BASE_URL ?? 'https://localhost:8443').replace(/\/$/, '');
export const SCREENSHOTS = resolve(process.env.E2E_SCREENSHOTS ?? resolve(here, '../target/screenshots'));
mkdirSync(SCREENSHOTS, { recursive: true });

export const DESKTOP = { viewport: { width: 1280, height: 860 } };
export const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

export function launch() {
  return chromium.launch({
    executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * A browser context for the stack: the development certificate is not trusted by this Chromium, so HTTPS errors
 * are ignored (set E2E_STRICT_TLS=1 when the CA is installed in the browser's trust store).
 */
export async function newContext(browser, device) {
  const context = await browser.newContext({
    ...device,
    baseURL: BASE_URL,
    ignoreHTTPSErrors: process.env.E2E_STRICT_TLS !== '1',
    acceptDownloads: true,
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  context.setDefaultTimeout(15_000);
  return context;
}

/** Fails the test on script errors and CSP violations (the gateway's CSP forbids inline scripts and styles). */
export function watchProblems(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) {
      problems.push(`CSP: ${m.text()}`);
    }
  });
  return problems;
}

export async function screenshot(page, name) {
  await page.screenshot({ path: resolve(SCREENSHOTS, `${name}.png`), fullPage: true });
}
