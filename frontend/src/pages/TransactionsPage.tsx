import { useRef, useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ledger } from '../api/ledger';
import { ApiError } from '../api/problem';
import { SessionEndedError } from '../auth/session';
import { Field, FormError, focusFirstInvalid } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { newIdempotencyKey, useDraft, useLoad } from '../hooks';
import { parseAmount, today } from '../money';
import { useAccount } from './AccountLayout';

/** /accounts/:id: post a transaction, and the history with filters and pages. */
export function TransactionsPage() {
  const { account } = useAccount();
  const [historyVersion, setHistoryVersion] = useState(0);
  return (
    <>
      <PageTitle title={`${account.name}: transactions`}>Transactions</PageTitle>
      {account.status === 'OPEN' && <TransactionForm onPosted={() => setHistoryVersion((v) => v + 1)} />}
      <History version={historyVersion} />
    </>
  );
}

const FIELD_LABELS: Record<string, string> = {
  amountMinor: 'Amount',
  currency: 'Currency',
  bookingDate: 'Booking date',
  description: 'Description',
  category: 'Category',
};

function TransactionForm({ onPosted }: { onPosted: () => void }) {
  const { account, minorUnits, categories, reloadBalance, format } = useAccount();
  const form = useRef<HTMLFormElement>(null);
  const blank = () => ({
    direction: 'out',
    amount: '',
    bookingDate: today(),
    description: '',
    category: 'groceries',
    key: newIdempotencyKey(),
  });
  const { values, set, reset } = useDraft(`transaction:${account.id}`, blank());
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [posted, setPosted] = useState<string>();
  const [busy, setBusy] = useState(false);

  // A changed request needs a new Idempotency-Key (the same key with another body answers 422); an unchanged
  // one keeps its key, so a retry after a lost answer never posts twice.
  const change = (name: keyof ReturnType<typeof blank>, value: string) => {
    set(name, value);
    set('key', newIdempotencyKey());
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setPosted(undefined);
    const magnitude = parseAmount(values.amount, minorUnits);
    if (magnitude === null && values.amount.trim() !== '') {
      setErrors({ amountMinor: `must be an amount such as 12.50 (at most ${minorUnits} decimals)` });
      setMessage('Please correct the marked fields.');
      focusFirstInvalid(form.current);
      return;
    }
    setBusy(true);
    try {
      const amountMinor = (magnitude ?? 0) * (values.direction === 'out' ? -1 : 1);
      const tx = await ledger.postTransaction(
        account.id,
        {
          amountMinor,
          currency: account.currency,
          bookingDate: values.bookingDate,
          description: values.description.trim(),
          category: values.category,
        },
        values.key,
      );
      reset({ ...blank(), direction: values.direction, category: values.category, bookingDate: values.bookingDate });
      setErrors({});
      setMessage(undefined);
      setPosted(`Posted ${format(tx.amountMinor)} · ${tx.description}`);
      reloadBalance();
      onPosted();
    } catch (err) {
      if (err instanceof SessionEndedError) return;
      if (err instanceof ApiError) {
        setErrors(err.fieldErrors);
        const unknown = Object.keys(err.fieldErrors).filter((f) => !FIELD_LABELS[f]);
        setMessage(
          Object.keys(err.fieldErrors).length && unknown.length === 0
            ? 'Please correct the marked fields.'
            : [err.summary, ...unknown.map((f) => `${f} ${err.fieldErrors[f]}`)].join(' '),
        );
        focusFirstInvalid(form.current);
      } else {
        setMessage('The server could not be reached. Please try again: the transaction will not be posted twice.');
      }
    } finally {
      setBusy(false);
    }
  }

  const error = (field: string) => errors[field] && `${FIELD_LABELS[field]} ${errors[field]}`;
  return (
    <section className="card" aria-labelledby="new-transaction">
      <h2 id="new-transaction">New transaction</h2>
      <form ref={form} onSubmit={submit} noValidate className="grid-form">
        <FormError message={message} />
        <fieldset className="direction">
          <legend>Direction</legend>
          {[
            ['out', 'Money out'],
            ['in', 'Money in'],
          ].map(([value, label]) => (
            <label key={value}>
              <input
                type="radio"
                name="direction"
                value={value}
                checked={values.direction === value}
                onChange={() => change('direction', value)}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <Field label={`Amount (${account.currency})`} error={error('amountMinor')} required hint="For example 12.50">
          {(p) => (
            <input {...p} inputMode="decimal" value={values.amount} onChange={(e) => change('amount', e.target.value)} />
          )}
        </Field>
        <Field label="Booking date" error={error('bookingDate')} required>
          {(p) => (
            <input {...p} type="date" value={values.bookingDate} onChange={(e) => change('bookingDate', e.target.value)} />
          )}
        </Field>
        <Field label="Description" error={error('description')} required>
          {(p) => (
            <input
              {...p}
              value={values.description}
              maxLength={500}
              onChange={(e) => change('description', e.target.value)}
            />
          )}
        </Field>
        <Field label="Category" error={error('category')} required>
          {(p) => (
            <select {...p} value={values.category} onChange={(e) => change('category', e.target.value)}>
              {(categories.length ? categories : [values.category]).map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
        <div className="grid-form__actions">
          <button type="submit" disabled={busy}>
            {busy ? 'Posting…' : 'Post transaction'}
          </button>
        </div>
      </form>
      {posted && <p role="status">{posted}</p>}
    </section>
  );
}

const PAGE_SIZES = ['10', '25', '50'];

/** Page size from the address (1–100, as the API allows), default 10. */
function pageSize(value: string | null): number {
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : 10;
}

function History({ version }: { version: number }) {
  const { account, categories, format } = useAccount();
  const [params, setParams] = useSearchParams();
  const filters = { from: params.get('from') ?? '', to: params.get('to') ?? '', category: params.get('category') ?? '' };
  const cursor = params.get('cursor') ?? undefined;
  const limit = pageSize(params.get('limit'));
  // Cursors of the pages before this one, for "Previous"; they travel in the history entry's state.
  const [previous, setPrevious] = useState<string[]>([]);
  const [draft, setDraftFilters] = useState(filters);
  const { data, error, loading, reload } = useLoad(
    () => ledger.transactions(account.id, { ...filters, cursor, limit }),
    [account.id, params.toString(), version],
  );

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    Object.entries(draft).forEach(([k, v]) => v && next.set(k, v));
    if (params.get('limit')) next.set('limit', String(limit));
    setPrevious([]);
    // The same filters again still mean "show me the latest".
    if (next.toString() === params.toString()) reload();
    else setParams(next);
  }

  function go(nextCursor: string | undefined, back: boolean) {
    const next = new URLSearchParams(params);
    if (nextCursor) next.set('cursor', nextCursor);
    else next.delete('cursor');
    setPrevious((p) => (back ? p.slice(0, -1) : [...p, cursor ?? '']));
    setParams(next);
  }

  return (
    <section className="card" aria-labelledby="history">
      <h2 id="history">History</h2>
      <form onSubmit={apply} className="filters" aria-label="Filter transactions">
        <Field label="From">
          {(p) => (
            <input {...p} type="date" value={draft.from} onChange={(e) => setDraftFilters({ ...draft, from: e.target.value })} />
          )}
        </Field>
        <Field label="To">
          {(p) => (
            <input {...p} type="date" value={draft.to} onChange={(e) => setDraftFilters({ ...draft, to: e.target.value })} />
          )}
        </Field>
        <Field label="Category">
          {(p) => (
            <select
              {...p}
              value={draft.category}
              onChange={(e) => setDraftFilters({ ...draft, category: e.target.value })}
            >
              <option value="">All categories</option>
              {categories.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit">Apply filters</button>
      </form>
      {error && <FormError message={error} />}
      {loading && <p role="status" className="muted">Loading…</p>}
      {data && data.items.length === 0 && <p>No transactions match.</p>}
      {data && data.items.length > 0 && (
        <table className="transactions">
          <caption className="visually-hidden">Transactions, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Description</th>
              <th scope="col">Category</th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((t) => (
              <tr key={t.id}>
                <td data-label="Date">{t.bookingDate}</td>
                <td data-label="Description">{t.description}</td>
                <td data-label="Category">{t.category}</td>
                <td data-label="Amount" className={t.amountMinor < 0 ? 'num negative' : 'num positive'}>
                  {format(t.amountMinor)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <nav className="pager" aria-label="Pages">
        <label className="pager__size">
          Rows per page{' '}
          <select
            value={String(limit)}
            onChange={(e) => {
              const next = new URLSearchParams(params);
              next.set('limit', e.target.value);
              next.delete('cursor');
              setPrevious([]);
              setParams(next);
            }}
          >
            {(PAGE_SIZES.includes(String(limit)) ? PAGE_SIZES : [String(limit), ...PAGE_SIZES]).map((n) => (
              <option key={n}>{n}</option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!cursor} onClick={() => go(previous[previous.length - 1] || undefined, true)}>
          Previous page
        </button>
        <button type="button" disabled={!data?.nextCursor} onClick={() => go(data?.nextCursor ?? undefined, false)}>
          Next page
        </button>
      </nav>
    </section>
  );
}
