// The ledger API of api-service (README: "api-service / API"). Amounts are whole minor units.

import { apiFetch, apiJson } from './client';

export interface Account {
  id: string;
  name: string;
  currency: string;
  isDefault: boolean;
  status: 'OPEN' | 'CLOSED';
  balanceMinor: number;
  createdAt: string;
  closedAt: string | null;
}

export interface Transaction {
  id: string;
  accountId: string;
  amountMinor: number;
  currency: string;
  bookingDate: string;
  description: string;
  category: string;
  createdAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Currency {
  code: string;
  name: string;
  minorUnits: number;
}

export interface ReferenceData {
  currencies: Currency[];
  categories: string[];
  maxAbsAmountMinor: number;
}

export interface CategorySummary {
  category: string;
  incomeMinor: number;
  expenseMinor: number;
  netMinor: number;
  count: number;
}

export interface MonthlySummary {
  accountId: string;
  month: string;
  currency: string;
  incomeMinor: number;
  expenseMinor: number;
  netMinor: number;
  count: number;
  categories: CategorySummary[];
}

export interface StatementExport {
  id: string;
  accountId: string;
  month: string;
  status: 'QUEUED' | 'READY' | 'FAILED';
  error: string | null;
  createdAt: string;
  completedAt: string | null;
}

export interface NewTransaction {
  amountMinor: number;
  currency: string;
  bookingDate: string;
  description: string;
  category: string;
}

export interface HistoryQuery {
  from?: string;
  to?: string;
  category?: string;
  cursor?: string;
  limit?: number;
}

const account = (id: string) => `/api/accounts/${encodeURIComponent(id)}`;

let referenceData: Promise<ReferenceData> | null = null;

export const ledger = {
  /** Public and cached by the gateway; fetched once per page load. */
  referenceData(): Promise<ReferenceData> {
    referenceData ??= fetch('/api/reference-data', { headers: { Accept: 'application/json' } }).then((r) => {
      if (!r.ok) {
        referenceData = null;
        throw new Error(`reference data answered ${r.status}`);
      }
      return r.json();
    });
    return referenceData;
  },
  accounts: () => apiJson<{ items: Account[] }>('/api/accounts').then((r) => r.items),
  account: (id: string) => apiJson<Account>(account(id)),
  createAccount: (name: string, currency: string) =>
    apiJson<Account>('/api/accounts', { method: 'POST', json: { name, currency } }),
  balance: (id: string) =>
    apiJson<{ accountId: string; currency: string; balanceMinor: number }>(`${account(id)}/balance`),
  postTransaction: (id: string, tx: NewTransaction, idempotencyKey: string) =>
    apiJson<Transaction>(`${account(id)}/transactions`, {
      method: 'POST',
      json: tx,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  transactions(id: string, q: HistoryQuery): Promise<Page<Transaction>> {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(q)) {
      if (v !== undefined && v !== '') params.set(k, String(v));
    }
    const qs = params.toString();
    return apiJson<Page<Transaction>>(`${account(id)}/transactions${qs ? `?${qs}` : ''}`);
  },
  summary: (id: string, month: string) =>
    apiJson<MonthlySummary>(`${account(id)}/summary?month=${encodeURIComponent(month)}`),
  requestStatement: (id: string, month: string) =>
    apiJson<StatementExport>(`${account(id)}/statements`, { method: 'POST', json: { month } }),
  statement: (exportId: string) => apiJson<StatementExport>(`/api/statements/${encodeURIComponent(exportId)}`),
  statementCsv: (exportId: string) =>
    apiFetch(`/api/statements/${encodeURIComponent(exportId)}/csv`, { headers: { Accept: 'text/csv' } }).then((r) =>
      r.blob(),
    ),
};

/** Registration is public: a JSON POST to auth-service. */
export async function register(email: string, password: string): Promise<Response> {
  return fetch('/auth/register', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ email, password }),
    credentials: 'omit',
  });
}
