import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../App';
import { resetForTests } from '../auth/session';
import { fakeServer, json, type Handler } from '../test-support';
import { METHODS, type OpenApiDocument } from './openapi';
import generated from './openapi.fixture.json';

// The document the gateway build wrote (gateway/target/nginx/openapi.json), copied as is: the page is tested
// against the real generated shape, not a hand-written one.
const FIXTURE = generated as unknown as OpenApiDocument;

function fixtureOperations(doc: OpenApiDocument): string[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => m in item).map((m) => `${m.toUpperCase()} ${path}`),
  );
}

async function openReference(handler: Handler = () => json(FIXTURE)) {
  const server = fakeServer({ 'GET /api/openapi.json': handler });
  render(
    <MemoryRouter initialEntries={['/api-reference']}>
      <App />
    </MemoryRouter>,
  );
  expect(screen.getByRole('heading', { level: 1, name: 'API reference' })).toBeInTheDocument();
  return server;
}

const operation = (key: string) => within(screen.getByTestId(`operation-${key}`));

beforeEach(() => resetForTests());
afterEach(() => vi.unstubAllGlobals());

describe('the API reference page', () => {
  it('is linked from the navigation', async () => {
    await openReference();
    expect(screen.getByRole('link', { name: 'API' })).toHaveAttribute('href', '/api-reference');
  });

  it('renders every path and method of the generated document, grouped by tag, without sending a token', async () => {
    const { calls } = await openReference();
    expect(screen.getByRole('status')).toHaveTextContent('Loading the API description');
    await screen.findByRole('heading', { level: 2, name: 'api-service' });

    const expected = fixtureOperations(FIXTURE);
    expect(expected.length).toBeGreaterThan(40);
    for (const key of expected) {
      const [method, path] = key.split(' ');
      const summary = screen.getByTestId(`operation-${key}`).querySelector('summary')!;
      expect(summary).toHaveTextContent(method);
      expect(within(summary).getByText(path)).toBeInTheDocument();
    }
    expect(document.querySelectorAll('details.operation')).toHaveLength(expected.length);
    for (const tag of ['api-service', 'auth-service', 'grafana']) {
      expect(screen.getByRole('heading', { level: 2, name: tag })).toBeInTheDocument();
    }
    expect(calls.map((c) => c.headers.get('Authorization'))).toEqual([null]);
  });

  it('marks which operations need which security scheme', async () => {
    await openReference();
    await screen.findByRole('heading', { level: 2, name: 'api-service' });
    expect(operation('GET /api/accounts').getByText('auth: oauth2 (openIdConnect)')).toBeInTheDocument();
    expect(operation('GET /api/status').getByText('public')).toBeInTheDocument();
    expect(operation('GET /api/status').queryByText(/^auth:/)).toBeNull();
    expect(operation('GET /grafana').getByText('auth: session (apiKey)')).toBeInTheDocument();
  });

  it('shows parameters with type, pattern and required, and the Idempotency-Key header', async () => {
    // The generated document has no regex path parameter today; one is added the way the generator writes it.
    const doc = structuredClone(FIXTURE);
    const get = doc.paths['/api/accounts/{id}'].get as { parameters: { schema: { pattern?: string } }[] };
    get.parameters[0].schema.pattern = '^(?:[0-9a-f-]{36})$';
    await openReference(() => json(doc));
    await screen.findByRole('heading', { level: 2, name: 'api-service' });

    const params = within(operation('GET /api/accounts/{id}').getByRole('table', { name: 'Parameters' }));
    const row = params.getByText('id').closest('tr')!;
    expect(row).toHaveTextContent('path');
    expect(row).toHaveTextContent('string (uuid)');
    expect(row).toHaveTextContent('pattern ^(?:[0-9a-f-]{36})$');
    expect(row).toHaveTextContent('yes');

    const post = operation('POST /api/accounts/{id}/transactions');
    expect(post.getByText('Idempotency-Key', { selector: '.badge' })).toBeInTheDocument();
    const key = post.getByText('Idempotency-Key', { selector: 'td code' }).closest('tr')!;
    expect(key).toHaveTextContent('header');
    expect(key).toHaveTextContent('1–200 characters');
    expect(operation('GET /api/accounts/{id}/balance').queryByText('Idempotency-Key')).toBeNull();
  });

  it('shows request and response schemas with nested objects and arrays, and the error responses', async () => {
    await openReference();
    await screen.findByRole('heading', { level: 2, name: 'api-service' });

    const post = screen.getByTestId('operation-POST /api/accounts/{id}/transactions');
    const request = within(post).getByText(/^Request body/, { selector: 'h4' }).closest('section')!;
    expect(within(request).getByText('NewTransaction')).toBeInTheDocument();
    expect(within(request).getByText('amountMinor').closest('li')).toHaveTextContent('amountMinor integer (int64) required');
    expect(within(request).getByText('bookingDate').closest('li')).toHaveTextContent('string | null (date)');
    const errors = within(within(post).getByText('Error responses', { selector: 'h4' }).closest('section')!);
    for (const status of ['400', '401', '404', '413', '415', '422']) {
      expect(errors.getByText(status).closest('li')).toHaveTextContent('application/problem+json');
    }
    expect(errors.getByText('422').closest('li')).toHaveTextContent('Problem');

    const list = screen.getByTestId('operation-GET /api/accounts/{id}/transactions');
    const ok = within(within(list).getByText('Responses', { selector: 'h4' }).closest('section')!);
    expect(ok.getByText('TransactionPage')).toBeInTheDocument();
    const items = ok.getByText('items').closest('li')!;
    expect(items).toHaveTextContent('array of LedgerTransaction | null');
    expect(within(items).getByText('LedgerTransaction')).toBeInTheDocument();
    expect(within(items).getByText('amountMinor')).toBeInTheDocument();
  });

  it('shows the problem title and detail when the document cannot be fetched, and loads it on retry', async () => {
    let fail = true;
    await openReference(() =>
      fail
        ? json({ title: 'Service Unavailable', status: 503, detail: 'The gateway is restarting' }, 503, 'application/problem+json')
        : json(FIXTURE),
    );
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Service Unavailable');
    expect(alert).toHaveTextContent('The gateway is restarting');
    expect(screen.queryByRole('heading', { level: 2 })).toBeNull();

    fail = false;
    await userEvent.setup().click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { level: 2, name: 'api-service' })).toBeInTheDocument();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says so when the answer is not an OpenAPI document', async () => {
    await openReference(() => json({ hello: 'world' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('/api/openapi.json is not an OpenAPI document');
  });
});
