import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { ledger } from '../api/ledger';
import { ApiError } from '../api/problem';
import { SessionEndedError } from '../auth/session';
import { Field, FormError, focusFirstInvalid } from '../components/Field';
import { PageTitle } from '../components/PageTitle';
import { useDraft, useLoad, useReferenceData } from '../hooks';
import { formatMinor } from '../money';

export function AccountsPage() {
  const { data: accounts, error, loading, reload } = useLoad(() => ledger.accounts(), []);
  const ref = useReferenceData();
  const units = (code: string) => ref?.currencies.find((c) => c.code === code)?.minorUnits ?? 2;

  return (
    <>
      <PageTitle title="Accounts">Your accounts</PageTitle>
      {error && <FormError message={error} />}
      {loading && !accounts && <p role="status">Loading accounts…</p>}
      {accounts && accounts.length === 0 && <p>No accounts yet. Create one below.</p>}
      {accounts && accounts.length > 0 && (
        <ul className="account-list" aria-label="Accounts">
          {accounts.map((a) => (
            <li key={a.id} className="card account-card">
              <Link to={`/accounts/${a.id}`} className="account-card__name">
                {a.name}
              </Link>
              <span className="account-card__meta">
                {a.currency}
                {a.isDefault && ' · default'}
                {a.status === 'CLOSED' && ' · closed'}
              </span>
              <span className="account-card__balance" data-testid={`balance-${a.name}`}>
                {formatMinor(a.balanceMinor, a.currency, units(a.currency))}
              </span>
            </li>
          ))}
        </ul>
      )}
      <CreateAccountForm currencies={ref?.currencies.map((c) => c.code) ?? ['EUR']} onCreated={reload} />
    </>
  );
}

function CreateAccountForm({ currencies, onCreated }: { currencies: string[]; onCreated: () => void }) {
  const form = useRef<HTMLFormElement>(null);
  const { values, set, reset } = useDraft('create-account', { name: '', currency: 'EUR' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string>();
  const [created, setCreated] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setCreated(undefined);
    try {
      const account = await ledger.createAccount(values.name.trim(), values.currency);
      reset({ name: '', currency: values.currency });
      setErrors({});
      setMessage(undefined);
      setCreated(account.name);
      onCreated();
    } catch (err) {
      if (err instanceof SessionEndedError) return;
      if (err instanceof ApiError) {
        setErrors(err.fieldErrors);
        setMessage(Object.keys(err.fieldErrors).length ? 'Please correct the marked fields.' : err.summary);
        focusFirstInvalid(form.current);
      } else {
        setMessage('The server could not be reached. Please try again.');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" aria-labelledby="new-account">
      <h2 id="new-account">New account</h2>
      <form ref={form} onSubmit={submit} noValidate className="inline-form">
        <FormError message={message} />
        <Field label="Name" error={errors.name && `Name ${errors.name}`} required>
          {(p) => <input {...p} value={values.name} onChange={(e) => set('name', e.target.value)} maxLength={200} />}
        </Field>
        <Field label="Currency" error={errors.currency && `Currency ${errors.currency}`} required>
          {(p) => (
            <select {...p} value={values.currency} onChange={(e) => set('currency', e.target.value)}>
              {currencies.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create account'}
        </button>
      </form>
      {created && <p role="status">Account “{created}” created.</p>}
    </section>
  );
}
